package io.contacthub.channel.letter;

import io.contacthub.testsupport.StaffConsole;
import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.FaxFixtures.corruptTiff;
import static io.contacthub.testsupport.FaxFixtures.docx;
import static io.contacthub.testsupport.FaxFixtures.faxPage;
import static io.contacthub.testsupport.FaxFixtures.finePage;
import static io.contacthub.testsupport.FaxFixtures.g4Tiff;
import static io.contacthub.testsupport.FaxFixtures.scannedPdf;
import static io.contacthub.testsupport.MailFixtures.mail;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.ResponseEntity;

/**
 * Staff log letters, visits, calls and notes from the console against the running hub (real Tesseract):
 * the scan's OCR text is on the ticket, a checked customer's letter joins their ticket, a typed address is
 * only a claim, a corrupt scan is FAILED and kept, a double submit is one contact, the queue lists the channel.
 */
class LetterChannelTest extends HubIntegrationTest {

    /** A customer's letter as scanned at the front desk. */
    static final List<String> LETTER_ZH = List.of(
            "客户来信",
            "尊敬的客服中心：",
            "我公司上周寄出的样品需要改送新地址。",
            "新地址：杭州市西湖区文三路200号",
            "联系人：王芳");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLoggedLetterWithAScannedPageShowsItsOcrTextOnTheTicket() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        byte[] tiff = g4Tiff(List.of(scannedPage(LETTER_ZH, 1)), 204, 196);
        String email = "wang.fang." + unique() + "@example.cn";

        HttpResponse<String> answer = staff.postLetter(fields(token, "LETTER", Map.of("name", "王芳", "email", email,
                "text", "Letter received at the front desk today, scan attached.")), scan("letter.tif", "image/tiff", tiff), true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/console/tickets/CH-");
        String ref = location.substring(location.lastIndexOf('/') + 1);

        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("LETTER");
        JsonNode contact = ticket.at("/timeline/0");
        assertThat(contact.path("channel").asText()).isEqualTo("LETTER");
        assertThat(contact.path("subject").asText()).isEqualTo("Letter from 王芳");
        JsonNode file = contact.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("letter.tif");
        assertThat(file.path("contentType").asText()).isEqualTo("image/tiff");
        assertThat(file.path("extractedBy").asText()).startsWith("pp-ocrv4:");
        String ocr = file.path("text").asText();
        assertThat(characterErrorRate(String.join("\n", LETTER_ZH), ocr)).as(ocr).isLessThan(0.15);
        assertThat(contact.path("body").asText()).startsWith("Letter received at the front desk today, scan attached.")
                .contains(ocr);
        assertThat(contact.at("/entities/letter/kind").asText()).isEqualTo("LETTER");
        assertThat(contact.at("/entities/letter/loggedBy").asText()).isEqualTo("admin");
        assertThat(contact.path("senderProven").asBoolean()).as("typed from the letter: a claim").isFalse();
        assertThat(ticket.at("/customer/identities").toString()).contains("EMAIL:" + email);

        // The console's ticket page shows the scan's pages beside their OCR text, and says it was logged.
        String page = staff.get(path(location) + "?lang=en").body();
        assertThat(page).contains("Logged: the contact is on this ticket.").contains("letter.kind: LETTER")
                .contains("Text of the pages (OCR or the document&#39;s own text)").contains(ocr.lines().findFirst().orElseThrow())
                .contains("/console/attachments/" + file.path("id").asText() + "/pages.png");

        // The raw original is the envelope: what staff entered, who did, and the file itself.
        JsonNode message = messageByExternalId("LETTER", "letter:" + token);
        JsonNode raw = readJson(http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class));
        assertThat(raw.path("loggedBy").asText()).isEqualTo("admin");
        assertThat(raw.path("kind").asText()).isEqualTo("LETTER");
        assertThat(Base64.getDecoder().decode(raw.at("/scan/content").asText())).isEqualTo(tiff);
    }

    @Test
    void aNoteWithoutAScanBecomesAContactAndItsTextStaysText() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String phone = newMobile();
        HttpResponse<String> answer = staff.postLetter(fields(staff.openLetterForm(), "PHONE_CALL", Map.of("name", "Mr Zhou",
                "phone", phone, "text", "Called the warehouse line: wants the pickup moved to Friday. <script>alert(1)</script>")),
                null, true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        JsonNode ticket = staffGet("/api/tickets/" + location.substring(location.lastIndexOf('/') + 1));
        JsonNode contact = ticket.at("/timeline/0");
        assertThat(contact.path("subject").asText()).isEqualTo("Phone call from Mr Zhou");
        assertThat(contact.path("body").asText()).startsWith("Called the warehouse line");
        assertThat(contact.path("files")).isEmpty();
        assertThat(contact.at("/entities/letter/kind").asText()).isEqualTo("PHONE_CALL");
        assertThat(ticket.at("/customer/identityDetails").toString()).contains(phone).contains("CLAIMED");
        String page = staff.get(path(location) + "?lang=en").body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void aLetterForAnExistingCustomerPickedByStaffJoinsThatCustomersOpenTicketWhenItsReferenceIsGiven() throws Exception {
        // The customer wrote in by mail: the hub observed the address.
        String address = "li.na." + unique() + "@example.cn";
        MailFixtures first = mail().from(address).subject("仓储报价").text("请报价 20 个托盘的仓储费用");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        long customer = staffGet("/api/tickets/" + ref).at("/customer/id").asLong();

        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String found = staff.get("/console/letters/lookup?lang=en&q=" + address).body();
        String choice = customer + ":EMAIL:" + address;
        assertThat(found).contains("data-customer=\"" + customer + "\"").contains("value=\"" + choice + "\"").contains(ref);
        assertThat(staff.get("/console/letters/lookup?q=" + ref).body()).contains("value=\"" + choice + "\"");

        byte[] pdf = scannedPdf(List.of(scannedPage(List.of("托盘数量改为 25 个", "联系人：李娜"), 11)));
        HttpResponse<String> answer = staff.postLetter(fields(staff.openLetterForm(), "WALK_IN", Map.of("name", "李娜",
                "text", "Came to the counter with the signed quote.", "vouch", choice, "checked", "ID_SHOWN", "ticket", ref)),
                scan("quote.pdf", "application/pdf", pdf), true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/console/tickets/" + ref);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/customer/id").asLong()).isEqualTo(customer);
        assertThat(ticket.path("timeline")).hasSize(2);
        JsonNode letter = ticket.at("/timeline/1");
        assertThat(letter.path("channel").asText()).isEqualTo("LETTER");
        assertThat(letter.path("senderProven").asBoolean()).isTrue();
        assertThat(letter.at("/entities/letter/vouchedBy").asText()).isEqualTo("admin");
        assertThat(letter.at("/entities/letter/checked").asText()).isEqualTo("ID_SHOWN");
        assertThat(letter.at("/files/0/text").asText()).contains("25");
        // The mail proved the address already: staff's check does not rewrite how the hub knows it.
        assertThat(provenance(customer, "EMAIL", address)).isEqualTo("OBSERVED|");
    }

    @Test
    void vouchingForATypedInAddressMakesItVerifiedInTheStaffMembersName() throws Exception {
        String address = "zhao.lei." + unique() + "@example.cn";
        JsonNode posted = readJson(postMessage("""
                {"name": "Zhao Lei", "email": "%s", "subject": "deposit", "body": "Where do I send the deposit slip?"}"""
                .formatted(address), null).getBody());
        String ref = posted.path("ticket").asText();
        long customer = staffGet("/api/tickets/" + ref).at("/customer/id").asLong();
        assertThat(provenance(customer, "EMAIL", address)).isEqualTo("CLAIMED|");

        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> answer = staff.postLetter(fields(staff.openLetterForm(), "LETTER", Map.of(
                "text", "Deposit slip arrived by post on company letterhead.", "vouch", customer + ":EMAIL:" + address,
                "checked", "LETTERHEAD", "ticket", "[#" + ref + "]")), null, true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/console/tickets/" + ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
        assertThat(provenance(customer, "EMAIL", address)).isEqualTo("VERIFIED|admin");
    }

    @Test
    void aCheckedCustomersLetterIsNotAddedToAnotherCustomersTicketOrToOneThatDoesNotExist() throws Exception {
        String address = "he.min." + unique() + "@example.cn";
        String own = readJson(postMessage("""
                {"email": "%s", "subject": "pallets", "body": "How many pallets fit?"}""".formatted(address), null).getBody())
                .path("ticket").asText();
        long customer = staffGet("/api/tickets/" + own).at("/customer/id").asLong();
        String other = readJson(postMessage("""
                {"email": "someone.%s@example.cn", "subject": "other", "body": "hello"}""".formatted(unique()), null).getBody())
                .path("ticket").asText();
        long otherCustomer = staffGet("/api/tickets/" + other).at("/customer/id").asLong();

        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        Map<String, String> form = fields(token, "LETTER", Map.of("text", "About the pallets.", "vouch",
                customer + ":EMAIL:" + address, "checked", "KNOWN_CUSTOMER", "ticket", other));
        HttpResponse<String> wrong = staff.postLetter(form, null, true);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Ticket " + other + " is customer #" + otherCustomer + "&#39;s, not customer #" + customer)
                .contains("value=\"" + customer + ":EMAIL:" + address + "\" checked");
        Map<String, String> missing = new LinkedHashMap<>(form);
        missing.put("ticket", "CH-999999999");
        assertThat(staff.postLetter(missing, null, true).body()).contains("There is no ticket CH-999999999.");
        Map<String, String> unchecked = new LinkedHashMap<>(form);
        unchecked.remove("checked");
        unchecked.put("ticket", own);
        assertThat(staff.postLetter(unchecked, null, true).body()).contains("Say how you checked it is this customer.");
        assertThat(messageByExternalId("LETTER", "letter:" + token)).as("nothing stored while the form is refused").isNull();
        assertThat(staffGet("/api/tickets/" + other).path("timeline")).hasSize(1);
    }

    @Test
    void aTypedEmailOfAnotherCustomerIsOnlyAClaim() throws Exception {
        String victim = "victim." + unique() + "@example.cn";
        MailFixtures first = mail().from(victim).subject("my order").text("Please confirm my order.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String victimRef = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        long victimId = staffGet("/api/tickets/" + victimRef).at("/customer/id").asLong();

        // A letter signed with the victim's address, quoting their ticket, logged without checking who wrote it.
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> answer = staff.postLetter(fields(staff.openLetterForm(), "LETTER", Map.of("name", "Someone",
                "email", victim, "text", "Please send all my parcels to a new address.", "ticket", victimRef)), null, true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        String ref = location.substring(location.lastIndexOf('/') + 1);
        assertThat(ref).isNotEqualTo(victimRef);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/customer/id").asLong()).isNotEqualTo(victimId);
        JsonNode contact = ticket.at("/timeline/0");
        assertThat(contact.path("senderProven").asBoolean()).isFalse();
        assertThat(contact.at("/foreignClaims/0/value").asText()).isEqualTo(victim);
        assertThat(contact.at("/foreignClaims/0/customerId").asLong()).isEqualTo(victimId);
        assertThat(ticket.at("/ticket/quotedRef").asText()).isEqualTo(victimRef);
        assertThat(ticket.at("/ticket/reviewReason").asText()).contains("quotes " + victimRef);
        assertThat(staffGet("/api/tickets/" + victimRef).path("timeline")).hasSize(1);
    }

    @Test
    void aCorruptScanIsFailedWithItsReasonKeptAndTheFormSaysSo() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        byte[] broken = corruptTiff();
        HttpResponse<String> answer = staff.postLetter(fields(token, "LETTER", Map.of("name", "Chen Jie",
                "text", "Letter with a damaged scan")), scan("broken.tif", "image/tiff", broken), true);

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode message = messageByExternalId("LETTER", "letter:" + token);
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).startsWith("scanned file broken.tif: image/tiff: corrupt or unreadable image");
        assertThat(answer.body()).contains("The scan could not be read, so the letter is not on a ticket")
                .contains("kept as message #" + message.path("id").asText()).contains("corrupt or unreadable image")
                .contains("Letter with a damaged scan");
        assertThat(StaffConsole.formToken(answer.body())).as("a fresh form for the next try").isNotEqualTo(token);
        JsonNode raw = readJson(http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class));
        assertThat(Base64.getDecoder().decode(raw.at("/scan/content").asText())).isEqualTo(broken);
    }

    @Test
    void submittingTheSameFormTwiceMakesOneContactAndReusingItForAnotherLetterSavesNothing() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        Map<String, String> form = fields(token, "NOTE", Map.of("name", "Ms Gao", "email", "gao." + unique() + "@example.cn",
                "text", "Dropped off two cartons for return."));

        HttpResponse<String> first = staff.postLetter(form, null, true);
        HttpResponse<String> again = staff.postLetter(form, null, true);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(again.statusCode()).isEqualTo(302);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(again.headers().firstValue("Location").orElseThrow()).isEqualTo(location);
        assertThat(staffGet("/api/tickets/" + location.substring(location.lastIndexOf('/') + 1)).path("timeline")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from inbound_message where channel = 'LETTER' and external_id = ?")
                .param("letter:" + token).query(Integer.class).single()).isEqualTo(1);

        Map<String, String> other = new LinkedHashMap<>(form);
        other.put("text", "A different visitor, same old form.");
        HttpResponse<String> reused = staff.postLetter(other, null, true);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("This form was already used to log CH-").contains("A different visitor, same old form.");
        assertThat(StaffConsole.formToken(reused.body())).isNotEqualTo(token);
    }

    @Test
    void theConsoleQueueFilterListsTheLetterChannelWithItsLabel() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        assertThat(staff.get("/console?lang=en").body()).contains("<option value=\"LETTER\">Letter / offline</option>")
                .contains("href=\"/console/letters/new\"");
        assertThat(staff.get("/console?lang=zh").body()).contains("<option value=\"LETTER\">信件/线下</option>");
        assertThat(staff.get("/css/channels.css").body()).contains(".badge.LETTER {");
    }

    @Test
    void aFileThatIsNoScanIsRefusedAndNothingIsStored() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        HttpResponse<String> answer = staff.postLetter(fields(token, "LETTER", Map.of("text", "see attachment")),
                scan("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx("Dear customer service")), true);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("only PDF, TIFF, PNG and JPEG scans are taken");
        byte[] big = new byte[MAX_MESSAGE_BYTES];
        System.arraycopy(g4Tiff(List.of(finePage(List.of("x"), 1)), 204, 196), 0, big, 0, 8); // a TIFF header, then padding
        HttpResponse<String> tooBig = staff.postLetter(fields(token, "LETTER", Map.of("text", "big")),
                scan("big.tif", "image/tiff", big), true);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("more than the hub keeps for one message");
        assertThat(messageByExternalId("LETTER", "letter:" + token)).isNull();
    }

    @Test
    void theFormNeedsItsCsrfTokenAndAStaffSignIn() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        assertThat(staff.postLetter(fields(token, "NOTE", Map.of("text", "forged")), null, false).statusCode()).isEqualTo(403);
        assertThat(messageByExternalId("LETTER", "letter:" + token)).isNull();
        // Without a sign-in the form is the sign-in page (the redirect to it followed).
        String anonymous = http.getForObject("/console/letters/new?lang=en", String.class);
        assertThat(anonymous).contains("action=\"/login\"").doesNotContain("letter-form");
    }

    @Test
    void aScanKeptWhileTesseractWasMissingIsOcrdOnceItIsThere() throws Exception {
        StaffConsole staff = StaffConsole.signedIn(port, "admin", ADMIN_PASSWORD);
        String token = staff.openLetterForm();
        HttpResponse<String> answer = staff.postLetter(fields(token, "LETTER", Map.of("name", "王芳", "text", "Scanned late.")),
                scan("late.tif", "image/tiff", g4Tiff(List.of(scannedPage(LETTER_ZH, 3)), 204, 196)), true);
        assertThat(answer.statusCode()).isEqualTo(302);
        long id = messageByExternalId("LETTER", "letter:" + token).path("id").asLong();
        // The state a hub without Tesseract leaves: the contact is on its ticket, the file kept and marked waiting.
        jdbc.sql("update attachment set extracted_text = null, extracted_by = null, "
                + "extraction_error = 'ocr-waiting: Tesseract not found' where message_id = ?").param(id).update();
        jdbc.sql("update contact_record set body = 'Scanned late.' || E'\\n\\n' || 'late.tif: not OCR''d yet (Tesseract not found)' "
                + "where message_id = ?").param(id).update();

        ResponseEntity<String> run = staffPost("/api/admin/letters/ocr/run");

        assertThat(run.getStatusCode().value()).as(run.getBody()).isEqualTo(200);
        assertThat(readJson(run.getBody()).path("read").asInt()).isGreaterThanOrEqualTo(1);
        String location = answer.headers().firstValue("Location").orElseThrow();
        JsonNode contact = staffGet("/api/tickets/" + location.substring(location.lastIndexOf('/') + 1)).at("/timeline/0");
        assertThat(contact.path("body").asText()).startsWith("Scanned late.\n\n").doesNotContain("not OCR'd yet").contains("尊敬的客服中心");
        assertThat(characterErrorRate(String.join("\n", LETTER_ZH), contact.at("/files/0/text").asText())).isLessThan(0.15);
        assertThat(contact.at("/entities/letter/kind").asText()).isEqualTo("LETTER");
    }

    /** A letter page as the front desk's scanner gives it: black and white, a little skewed, a few specks. */
    static java.awt.image.BufferedImage scannedPage(List<String> lines, long seed) {
        return faxPage(lines, 204, 196, 5.5, 14, 0.3, 0.001, seed);
    }

    private static String path(String location) {
        return java.net.URI.create(location).getPath();
    }

    private String provenance(long customer, String kind, String value) {
        return jdbc.sql("select provenance || '|' || coalesce(verified_by, '') from customer_identity "
                        + "where customer_id = ? and kind = ? and value = ?")
                .params(customer, kind, value).query(String.class).single();
    }

    private static Map<String, String> fields(String token, String kind, Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", token);
        fields.put("kind", kind);
        fields.putAll(more);
        return fields;
    }

    private static StaffConsole.Upload scan(String name, String type, byte[] content) {
        return new StaffConsole.Upload(name, type, content);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
