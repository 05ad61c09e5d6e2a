package io.contacthub.channel.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.contacthub.testsupport.FaxFixtures.CONSIGNMENT_NOTE_ZH;
import static io.contacthub.testsupport.FaxFixtures.ORDER_FORM_EN;
import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.FaxFixtures.corruptTiff;
import static io.contacthub.testsupport.FaxFixtures.docx;
import static io.contacthub.testsupport.FaxFixtures.encryptedPdf;
import static io.contacthub.testsupport.FaxFixtures.finePage;
import static io.contacthub.testsupport.FaxFixtures.g4Tiff;
import static io.contacthub.testsupport.FaxFixtures.pageBombPdf;
import static io.contacthub.testsupport.FaxFixtures.scannedPdf;
import static io.contacthub.testsupport.FaxFixtures.xlsx;
import static io.contacthub.testsupport.TwilioRequests.form;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A fax arriving each of the three ways (provider webhook, fax-to-email, spool folder) against the
 * running hub with the real Tesseract: it becomes a FAX ticket whose text (per page, with OCR
 * confidence) and form fields staff read through the API; a broken fax is FAILED with its reason and
 * the original kept. Twilio's media host is WireMock; the mail server is GreenMail.
 */
class FaxChannelTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final WireMockServer twilioApi = TestTwilioApi.shared();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void faxWebhookIsDownloadedOcrdAndStaffReadItsPagesConfidenceAndFields() {
        String faxSid = newSid("FX");
        String from = newMobile();
        byte[] tiff = g4Tiff(List.of(finePage(CONSIGNMENT_NOTE_ZH, 1)), 204, 196);
        stubMedia(faxSid, aResponse().withHeader("Content-Type", "image/tiff").withBody(tiff));

        ResponseEntity<String> answer = postSigned(received(faxSid, from, mediaUrl(faxSid)));

        assertThat(answer.getStatusCode().value()).isEqualTo(204);
        assertThat(messageByExternalId("FAX", faxSid)).as("committed before the answer").isNotNull();
        JsonNode message = settled(faxSid);
        assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");

        JsonNode fax = staffGet("/api/messages/" + message.path("id").asText() + "/fax");
        assertThat(fax.path("faxNumber").asText()).isEqualTo(from);
        JsonNode document = fax.at("/documents/0");
        assertThat(document.path("mediaType").asText()).isEqualTo("image/tiff");
        assertThat(document.path("ocrStatus").asText()).isEqualTo("DONE");
        assertThat(document.path("ocrLanguages").asText()).isEqualTo("ch+en");
        assertThat(document.path("pages")).hasSize(1);
        JsonNode page = document.at("/pages/0");
        assertThat(characterErrorRate(String.join("\n", CONSIGNMENT_NOTE_ZH), page.path("text").asText()))
                .as(page.path("text").asText()).isLessThan(0.10);
        assertThat(page.path("confidence").asDouble()).isBetween(60.0, 100.0);
        assertThat(document.path("formType").asText()).isEqualTo("CONSIGNMENT_NOTE");
        assertThat(document.at("/fields/phone/value").asText()).isEqualTo("13912345678");
        assertThat(document.at("/fields/waybillNumber/value").asText()).isEqualTo("SF1234567890123");
        assertThat(document.at("/fields/pieces/value").asText()).isEqualTo("12");
        assertThat(characterErrorRate("上海华东物流有限公司", document.at("/fields/customerName/value").asText()))
                .as(document.path("fields").toString()).isLessThan(0.2);
        assertThat(document.at("/fields/phone/confidence").asDouble()).isBetween(0.6, 1.0);
        assertThat(document.path("needsReview").asBoolean()).as(document.path("reviewReasons").toString()).isFalse();

        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("FAX");
        assertThat(ticket.at("/ticket/intent").asText()).as("a consignment note is an order").isEqualTo("ORDER");
        assertThat(ticket.at("/customer/identities").toString()).contains("FAX:" + from);
        JsonNode contact = ticket.at("/timeline/0");
        assertThat(contact.path("body").asText()).contains("联系人");
        assertThat(contact.at("/entities/needsReview").asBoolean(true)).isFalse();
        assertThat(contact.at("/entities/form/fields/waybillNumber/value").asText()).isEqualTo("SF1234567890123");
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("SF1234567890123");
        byte[] stored = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/attachments/" + contact.at("/files/0/id").asText(), byte[].class);
        assertThat(stored).as("the fax file is kept as received").isEqualTo(tiff);
    }

    @Test
    void healthSaysWhetherFaxesAreOcrd() {
        JsonNode ocr = readJson(http.withBasicAuth("admin", ADMIN_PASSWORD).getForObject("/actuator/health", String.class)).at("/components/ocr");
        assertThat(ocr.path("status").asText()).isEqualTo("UP");
        assertThat(ocr.at("/details/tesseract").asText()).startsWith("tesseract 5");
        assertThat(ocr.at("/details/languages").asText()).isEqualTo("chi_sim+eng");
        assertThat(ocr.at("/details/engine").asText()).as("PaddleOCR reads the pages (the build fetched its models)")
                .isEqualTo("pp-ocrv4:ch+en");
    }

    @Test
    void faxWithFewerPagesThanTheProviderReportedIsFlaggedForReview() {
        String faxSid = newSid("FX");
        stubMedia(faxSid, aResponse().withHeader("Content-Type", "application/pdf")
                .withBody(io.contacthub.testsupport.MailFixtures.pdf("TRANSPORT ORDER FORM", "Company Name: Harbour Freight Ltd")));
        Map<String, String> params = received(faxSid, newMobile(), mediaUrl(faxSid));
        params.put("NumPages", "3");
        postSigned(params);

        JsonNode message = settled(faxSid);
        assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");
        JsonNode fax = staffGet("/api/messages/" + message.path("id").asText() + "/fax");
        assertThat(fax.path("needsReview").asBoolean()).isTrue();
        assertThat(fax.at("/documents/0/reviewReasons").toString()).contains("the provider reported 3 pages, the file has 1");
        assertThat(fax.at("/documents/0/ocrStatus").asText()).as("a text-layer PDF needs no OCR").isEqualTo("TEXT");
    }

    @Test
    void offerOfAnIncomingFaxIsAnsweredWithReceiveAndStoresNothing() {
        String faxSid = newSid("FX");
        Map<String, String> offer = new LinkedHashMap<>();
        offer.put("FaxSid", faxSid);
        offer.put("From", newMobile());
        offer.put("To", "+862150009999");
        ResponseEntity<String> answer = postSigned(offer);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("<Receive").contains("action=\"/twilio/fax\"").contains("mediaType=\"image/tiff\"");
        assertThat(messageByExternalId("FAX", faxSid)).isNull();
    }

    @Test
    void unsignedOrForgedFaxCallbackIsRefusedAndStoresNothing() {
        String faxSid = newSid("FX");
        Map<String, String> params = received(faxSid, newMobile(), mediaUrl(faxSid));
        String forged = TwilioSignature.compute("not-our-token", http.getRootUri() + "/twilio/fax",
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        assertThat(post(form(params), forged).getStatusCode().value()).isEqualTo(403);
        assertThat(post(form(params), null).getStatusCode().value()).isEqualTo(403);
        assertThat(messageByExternalId("FAX", faxSid)).isNull();
    }

    @Test
    void encryptedOrUndownloadableFaxIsFailedWithItsReasonAndTheOriginalKept() {
        String locked = newSid("FX");
        stubMedia(locked, aResponse().withHeader("Content-Type", "application/pdf").withBody(encryptedPdf()));
        Map<String, String> params = received(locked, newMobile(), mediaUrl(locked));
        assertThat(postSigned(params).getStatusCode().value()).isEqualTo(204);
        JsonNode failed = settled(locked);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("encrypted PDF");
        String raw = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + failed.path("id").asText() + "/raw", String.class);
        assertThat(raw).isEqualTo(form(params));

        String gone = newSid("FX");
        stubMedia(gone, aResponse().withStatus(404));
        postSigned(received(gone, newMobile(), mediaUrl(gone)));
        JsonNode notDownloaded = settled(gone);
        assertThat(notDownloaded.path("status").asText()).isEqualTo("FAILED");
        assertThat(notDownloaded.path("reason").asText()).contains("could not be downloaded").contains("HTTP 404");
    }

    @Test
    void mailFromTheFaxGatewayIsAFaxOfItsSenderWithEveryAttachmentRead() {
        String number = "+8621" + (50_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        MailFixtures mail = MailFixtures.mail()
                .from(FAX_GATEWAY)
                .to(TestMailServer.IMAP_USER + "@localhost")
                .subject("Fax from " + number + " (3 pages)")
                .text("You have received a fax. 您收到一份传真。")
                .attach("fax.pdf", "application/pdf", scannedPdf(List.of(finePage(ORDER_FORM_EN, 21))))
                .attach("order.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx("订货单", "备注：请周五前送达"))
                .attach("items.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        xlsx(new String[][] {{"Goods", "Pieces"}, {"Printer parts", "8"}}));
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = settled("email:" + mail.messageId());
        assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");
        assertThat(messageByExternalId("EMAIL", mail.messageId())).as("not also an e-mail ticket").isNull();

        JsonNode fax = staffGet("/api/messages/" + message.path("id").asText() + "/fax");
        assertThat(fax.path("faxNumber").asText()).isEqualTo(number);
        assertThat(fax.path("documents")).hasSize(3);
        JsonNode scan = fax.at("/documents/0");
        assertThat(scan.path("ocrStatus").asText()).isEqualTo("DONE");
        assertThat(characterErrorRate(String.join("\n", ORDER_FORM_EN), scan.at("/pages/0/text").asText()))
                .as(scan.at("/pages/0/text").asText()).isLessThan(0.10);
        assertThat(scan.path("formType").asText()).isEqualTo("ORDER_FORM");
        assertThat(scan.at("/fields/phone/value").asText()).as("OCR may drop the +").matches("\\+?85223456789");
        assertThat(scan.at("/fields/requestedDate/value").asText()).isEqualTo("2026-12-01");
        assertThat(fax.at("/documents/1/pages/0/text").asText()).contains("请周五前送达");
        assertThat(fax.at("/documents/1/ocrStatus").asText()).isEqualTo("TEXT");
        assertThat(fax.at("/documents/2/pages/0/text").asText()).contains("Printer parts");
        assertThat(fax.path("needsReview").asBoolean())
                .as("the order form is complete; the DOCX and XLSX beside it carry no form: " + fax.at("/documents/0/reviewReasons")
                        + "\n" + scan.at("/pages/0/text").asText()).isFalse();

        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("FAX");
        assertThat(ticket.at("/customer/identities").toString()).contains("FAX:" + number)
                .doesNotContain(FAX_GATEWAY);
    }

    @Test
    void spooledFaxBecomesATicketAndItsFileMovesToDoneAfterCommit() throws IOException {
        String number = "+8610" + (60_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        String name = number + "_0001.tif";
        byte[] tiff = g4Tiff(List.of(finePage(ORDER_FORM_EN, 31)), 204, 196);
        drop(name, tiff);

        Path done = awaitFile("done", name);
        assertThat(Files.readAllBytes(done)).isEqualTo(tiff);
        JsonNode message = settled("spool:");
        message = byNumber(number);
        assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");
        JsonNode fax = staffGet("/api/messages/" + message.path("id").asText() + "/fax");
        assertThat(fax.at("/documents/0/fields/orderNumber/value").asText()).matches("[S$5][O0]2026112301");
        assertThat(staffGet("/api/tickets/" + message.path("ref").asText()).at("/customer/identities").toString())
                .contains("FAX:" + number);
    }

    @Test
    void corruptBombOrOversizeSpoolFilesAreFailedWithTheirReasonAndMovedToFailed() throws IOException {
        String corrupt = "+8610" + (70_000_000 + ThreadLocalRandom.current().nextInt(9_999_999)) + "_broken.tif";
        String bomb = "+8610" + (80_000_000 + ThreadLocalRandom.current().nextInt(9_999_999)) + "_bomb.pdf";
        String huge = "+8610" + (50_000_000 + ThreadLocalRandom.current().nextInt(9_999_999)) + "_huge.tif";
        byte[] hugeContent = new byte[MAX_FAX_FILE_BYTES + 1];
        ThreadLocalRandom.current().nextBytes(hugeContent);
        drop(corrupt, corruptTiff());
        drop(bomb, pageBombPdf(500));
        drop(huge, hugeContent);

        awaitFile("failed", corrupt);
        awaitFile("failed", bomb);
        JsonNode broken = byNumber(corrupt.substring(0, corrupt.indexOf('_')));
        assertThat(broken.path("status").asText()).isEqualTo("FAILED");
        assertThat(broken.path("reason").asText()).contains("image/tiff").contains("corrupt");
        JsonNode bombed = byNumber(bomb.substring(0, bomb.indexOf('_')));
        assertThat(bombed.path("status").asText()).isEqualTo("FAILED");
        assertThat(bombed.path("reason").asText()).contains("500 pages, over the limit of 50");
        byte[] kept = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + bombed.path("id").asText() + "/raw", byte[].class);
        assertThat(kept).as("the original is kept").isEqualTo(Files.readAllBytes(awaitFile("failed", bomb)));

        JsonNode tooBig = byNumber(huge.substring(0, huge.indexOf('_')));
        assertThat(tooBig.path("status").asText()).isEqualTo("FAILED");
        assertThat(tooBig.path("reason").asText()).contains("over the limit of " + MAX_FAX_FILE_BYTES + " (hub.fax.max-file-bytes)");
        assertThat(Files.readAllBytes(awaitFile("failed", huge))).as("not read, but kept in failed/").isEqualTo(hugeContent);
    }

    @Test
    void faxKeptUnreadWhileTesseractWasMissingIsOcrdOnceItIsThere() {
        String faxSid = newSid("FX");
        stubMedia(faxSid, aResponse().withHeader("Content-Type", "image/tiff")
                .withBody(g4Tiff(List.of(finePage(ORDER_FORM_EN, 41)), 204, 196)));
        postSigned(received(faxSid, newMobile(), mediaUrl(faxSid)));
        JsonNode message = settled(faxSid);
        long id = message.path("id").asLong();
        // The state a hub without Tesseract leaves (the reader's side of it is ScannedDocumentReaderTest's):
        // the ticket exists, the file is kept, marked waiting, no pages, no fields.
        jdbc.sql("update attachment set extracted_text = null, extracted_by = null, "
                + "extraction_error = 'ocr-waiting: Tesseract not found' where message_id = ?").param(id).update();
        jdbc.sql("delete from fax_page where document_id in (select id from fax_document where message_id = ?)").param(id).update();
        jdbc.sql("update fax_document set ocr_status = 'WAITING', waiting_reason = 'Tesseract not found', fields = '{}', "
                + "needs_review = true where message_id = ?").param(id).update();
        jdbc.sql("update contact_record set body = 'Fax from x, 1 page. fax.tif: not OCR''d yet', entities = '{}' "
                + "where message_id = ?").param(id).update();
        assertThat(staffGet("/api/messages/" + id + "/fax").at("/documents/0/ocrStatus").asText()).isEqualTo("WAITING");

        ResponseEntity<String> run = staffPost("/api/admin/fax/ocr/run");

        assertThat(run.getStatusCode().value()).isEqualTo(200);
        assertThat(readJson(run.getBody()).path("read").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode fax = staffGet("/api/messages/" + id + "/fax");
        assertThat(fax.at("/documents/0/ocrStatus").asText()).isEqualTo("DONE");
        assertThat(characterErrorRate(String.join("\n", ORDER_FORM_EN), fax.at("/documents/0/pages/0/text").asText()))
                .isLessThan(0.10);
        assertThat(fax.at("/documents/0/fields/pieces/value").asText()).isEqualTo("8");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        assertThat(contact.path("body").asText()).contains("Harbour Freight");
        assertThat(contact.at("/entities/form/fields/pieces/value").asText()).isEqualTo("8");
        assertThat(contact.at("/files/0/extractionError").isMissingNode() || contact.at("/files/0/extractionError").isNull()).isTrue();
    }

    @Test
    void reviewListShowsFaxesWhoseFieldsAPersonMustCheck() {
        String number = "+8610" + (90_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        MailFixtures mail = MailFixtures.mail().from(FAX_GATEWAY).to(TestMailServer.IMAP_USER + "@localhost")
                .subject("传真 来自 " + number)
                .attach("note.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx("货物托运单", "客户名称：宁波港口服务公司", "件数：3"));
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode message = settled("email:" + mail.messageId());
        assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");

        JsonNode fax = staffGet("/api/messages/" + message.path("id").asText() + "/fax");
        assertThat(fax.path("needsReview").asBoolean()).isTrue();
        assertThat(fax.at("/documents/0/reviewReasons").toString()).contains("required field phone not found");
        assertThat(staffGet("/api/fax/review?limit=500").findValuesAsText("ticketRef")).contains(message.path("ref").asText());
        assertThat(http.getForEntity("/api/fax/review", String.class).getStatusCode().value())
                .as("staff only").isIn(401, 302);
    }

    // --- helpers

    private JsonNode settled(String externalIdPrefix) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> messageByExternalId("FAX", externalIdPrefix), m -> m != null && !m.path("status").asText().equals("RECEIVED"));
    }

    /** The settled spooled fax whose sender is this number. */
    private JsonNode byNumber(String number) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode m : staffGet("/api/messages?channel=FAX&limit=500")) {
                if (number.equals(m.path("sender").asText()) && !m.path("status").asText().equals("RECEIVED")) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    /** Written beside the spool, then moved in: a fax server finishing a file. */
    private static void drop(String name, byte[] content) throws IOException {
        Files.createDirectories(FAX_SPOOL);
        Path temp = Files.createTempFile(FAX_SPOOL.getParent(), "fax", ".part");
        Files.write(temp, content);
        Files.move(temp, FAX_SPOOL.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path awaitFile(String folder, String name) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Path root = FAX_SPOOL.resolve(folder);
            if (!Files.isDirectory(root)) {
                return null;
            }
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
            }
        }, p -> p != null && !Files.exists(FAX_SPOOL.resolve(name)));
    }

    private static Map<String, String> received(String faxSid, String from, String mediaUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("FaxSid", faxSid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", "+862150009999");
        params.put("FaxStatus", "received");
        params.put("NumPages", "1");
        params.put("MediaUrl", mediaUrl);
        return params;
    }

    private static String mediaPath(String faxSid) {
        return "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Faxes/" + faxSid + "/Media/ME" + faxSid.substring(2);
    }

    /** As the provider names it: on api.twilio.com, which the hub rebases onto hub.twilio.api-url (WireMock). */
    private static String mediaUrl(String faxSid) {
        return "https://api.twilio.com" + mediaPath(faxSid);
    }

    private void stubMedia(String faxSid, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        twilioApi.stubFor(get(urlEqualTo(mediaPath(faxSid))).withBasicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
                .willReturn(answer));
    }

    private ResponseEntity<String> postSigned(Map<String, String> params) {
        String signature = TwilioSignature.compute(TWILIO_AUTH_TOKEN, http.getRootUri() + "/twilio/fax",
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        return post(form(params), signature);
    }

    private ResponseEntity<String> post(String form, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set(TwilioSignature.HEADER, signature);
        }
        return http.exchange("/twilio/fax", HttpMethod.POST, new HttpEntity<>(form.getBytes(StandardCharsets.UTF_8), headers),
                String.class);
    }
}
