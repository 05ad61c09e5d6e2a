package io.contacthub.channel.email;

import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Mail delivered to a real IMAP/POP3 server (GreenMail) and fetched by the running hub. */
class EmailChannelTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void plainMailOverImapBecomesTicketAndIsFlaggedSeenOnlyAfterCommit() {
        MailFixtures mail = mail().from("li.wei@example.com").fromName("Li Wei")
                .subject("Pickup request for order SO2026112301")
                .text("Hello, please book a pickup for order SO2026112301 tomorrow. Phone 138 1234 5678.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = awaitSettled(mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/intent").asText()).isEqualTo("ORDER");
        assertThat(ticket.at("/customer/identities").toString()).contains("EMAIL:li.wei@example.com");
        JsonNode contact = ticket.at("/timeline/0");
        assertThat(contact.path("body").asText()).contains("book a pickup for order SO2026112301");
        assertThat(contact.at("/entities/orderNumbers").toString()).contains("SO2026112301");
        assertThat(contact.at("/entities/phones").toString()).contains("+8613812345678");
        await().atMost(WAIT).until(() -> TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(mail.messageId()))
                .allMatch(TestMailServer::isSeen));
    }

    @Test
    void htmlMailBecomesCleanTextAndItsScriptIsGone() {
        MailFixtures mail = mail().from("html.sender@example.com").subject("Damaged parcel")
                .html("<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
                      + "<body><p>My parcel arrived <b>damaged</b>.</p><p>Please help.</p></body></html>");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode contact = timelineOf(awaitSettled(mail.messageId())).get(0);
        assertThat(contact.path("body").asText()).isEqualTo("My parcel arrived damaged.\nPlease help.");
        assertThat(contact.path("body").asText()).doesNotContain("alert").doesNotContain("color:red");
        assertThat(contact.path("intent").asText()).isEqualTo("COMPLAINT");
    }

    @Test
    void multipartAlternativeUsesThePlainTextPart() {
        MailFixtures mail = mail().from("alt.sender@example.com").subject("Both parts")
                .text("plain version of the words").html("<p>html version of the words</p>");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode contact = timelineOf(awaitSettled(mail.messageId())).get(0);
        assertThat(contact.path("body").asText()).isEqualTo("plain version of the words");
    }

    @Test
    void gb2312LabelledMailWithGbkCharactersKeepsItsChineseText() {
        Charset gbk = Charset.forName("GBK");
        // 镕 is in GBK but not in GB2312: mail clients label such text gb2312 all the same.
        String subject = "投诉：朱镕基路仓库的货物破损";
        String body = "你好，运单号 SF1234567890123 的货物到达时外箱破损，请尽快处理。";
        String encodedSubject = "=?gb2312?B?" + Base64.getEncoder().encodeToString(subject.getBytes(gbk)) + "?=";
        MailFixtures mail = mail().from("wang@example.cn").subject("placeholder").text(body, "GBK")
                .header("Subject", encodedSubject)
                .header("Content-Type", "text/plain; charset=gb2312");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode contact = timelineOf(awaitSettled(mail.messageId())).get(0);
        assertThat(contact.path("subject").asText()).isEqualTo(subject);
        assertThat(contact.path("body").asText()).isEqualTo(body);
        assertThat(contact.path("language").asText()).isEqualTo("zh");
        assertThat(contact.path("intent").asText()).isEqualTo("COMPLAINT");
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("SF1234567890123");
    }

    @Test
    void pdfAttachmentIsStoredWithSizeAndSha256AndItsTextIsExtracted() throws Exception {
        byte[] pdf = MailFixtures.pdf("Consignment note", "Waybill YT1234567890123", "Pieces: 3");
        MailFixtures mail = mail().from("docs@example.com").subject("Delivery note attached")
                .text("See the attached note.").attach("note.pdf", "application/pdf", pdf);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode contact = timelineOf(awaitSettled(mail.messageId())).get(0);
        JsonNode file = contact.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("note.pdf");
        assertThat(file.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(file.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(file.path("extractedBy").asText()).startsWith("tika:");
        assertThat(file.path("text").asText()).contains("Waybill YT1234567890123");
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("YT1234567890123");

        ResponseEntity<byte[]> download = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/attachments/" + file.path("id").asLong(), byte[].class);
        assertThat(download.getBody()).isEqualTo(pdf);
    }

    @Test
    void sameMessageIdDeliveredTwiceGivesOneContact() {
        MailFixtures mail = mail().from("twice@example.com").subject("Only once please").text("Deliver me twice.");
        byte[] raw = mail.build();
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw);
        JsonNode first = awaitSettled(mail.messageId());
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw);
        // Wait until the second copy has been fetched (flagged seen), then check nothing new appeared.
        await().atMost(WAIT).until(() -> TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(mail.messageId())).count() == 2
                && TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(mail.messageId())).allMatch(TestMailServer::isSeen));

        long copies = countMessages(mail.messageId());
        assertThat(copies).isEqualTo(1);
        assertThat(staffGet("/api/tickets/" + first.path("ref").asText()).path("timeline")).hasSize(1);
    }

    @Test
    void replyWithTicketTagInSubjectJoinsItsTicket() {
        MailFixtures original = mail().from("tagged@example.com").subject("Where is my shipment?").text("Tracking please.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, original.build());
        String ref = awaitSettled(original.messageId()).path("ref").asText();

        MailFixtures reply = mail().from("tagged@example.com").subject("Re: [#" + ref + "] Where is my shipment?")
                .text("Any news?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, reply.build());

        assertThat(awaitSettled(reply.messageId()).path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
    }

    @Test
    void replyWithInReplyToJoinsItsTicket() {
        MailFixtures original = mail().from("threaded@example.com").subject("Storage quote").text("How much for 10 pallets?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, original.build());
        String ref = awaitSettled(original.messageId()).path("ref").asText();

        MailFixtures reply = mail().from("threaded@example.com").subject("Re: Storage quote").text("And for 20?")
                .header("In-Reply-To", original.messageId())
                .header("References", original.messageId());
        TestMailServer.deliver(TestMailServer.IMAP_USER, reply.build());

        assertThat(awaitSettled(reply.messageId()).path("ref").asText()).isEqualTo(ref);
    }

    @Test
    void autoReplyOpensNoTicket() {
        MailFixtures mail = mail().from("away@example.com").subject("Automatic reply: I am on holiday")
                .text("I am out of the office until Monday.").header("Auto-Submitted", "auto-replied");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = awaitSettled(mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("IGNORED");
        assertThat(message.path("reason").asText()).contains("Auto-Submitted");
        assertThat(message.has("ref")).isFalse();
    }

    @Test
    void bounceFromMailerDaemonOpensNoTicket() {
        MailFixtures mail = mail().from("MAILER-DAEMON@mx.example.com").subject("Undelivered Mail Returned to Sender")
                .text("This is the mail system. Your message could not be delivered.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = awaitSettled(mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("IGNORED");
        assertThat(message.path("reason").asText()).contains("bounce");
    }

    @Test
    void bulkMailOpensNoTicket() {
        MailFixtures mail = mail().from("news@shop.example").subject("Our November offers")
                .text("Big discounts!").header("Precedence", "bulk");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        assertThat(awaitSettled(mail.messageId()).path("reason").asText()).contains("Precedence: bulk");
    }

    @Test
    void brokenMimeBecomesFailedWithReasonKeepsTheRawAndIsNotFetchedAgain() {
        String messageId = "<" + UUID.randomUUID() + "@broken.example>";
        String raw = "From: broken@example.com\r\nTo: support@localhost\r\nSubject: Broken\r\nMessage-ID: " + messageId + "\r\n"
                     + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     + "Content-Transfer-Encoding: x-bogus-encoding\r\n\r\nunreadable words here\r\n";
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw.getBytes(StandardCharsets.US_ASCII));

        JsonNode message = awaitSettled(messageId);
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).contains("x-bogus-encoding");
        assertThat(message.path("attempts").asInt()).isEqualTo(1);
        ResponseEntity<byte[]> original = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/messages/" + message.path("id").asLong() + "/raw", byte[].class);
        assertThat(new String(original.getBody(), StandardCharsets.US_ASCII)).contains("unreadable words here");
        // Recorded once and acknowledged: the mail is flagged seen, so it is not fetched forever.
        await().atMost(WAIT).until(() -> TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(messageId)).allMatch(TestMailServer::isSeen));
        JsonNode failed = staffGet("/api/messages?status=FAILED&channel=EMAIL");
        assertThat(failed.toString()).contains(messageId);

        // Replaying runs it again: the cause is still there, so it is FAILED again, with 2 attempts.
        assertThat(staffPost("/api/messages/" + message.path("id").asLong() + "/replay").getStatusCode().value()).isEqualTo(202);
        await().atMost(WAIT).until(() -> staffGet("/api/messages/" + message.path("id").asLong()).path("attempts").asInt() == 2);
        assertThat(staffGet("/api/messages/" + message.path("id").asLong()).path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void mailOverTheSizeLimitIsFailedFromItsSizeWithItsHeadersKeptAndIsNotDownloaded() {
        byte[] big = new byte[MAX_MESSAGE_BYTES];
        new java.util.Random(7).nextBytes(big);
        MailFixtures mail = mail().from("huge@example.com").subject("Scans of all our pallets")
                .text("See attachment.").attach("scans.bin", "application/octet-stream", big);
        byte[] raw = mail.build();
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw);

        JsonNode message = awaitSettled(mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).contains("over the limit of " + MAX_MESSAGE_BYTES + " bytes")
                .contains("not downloaded").contains("mailbox 'support'");
        assertThat(message.has("ref")).isFalse();
        assertThat(message.path("sender").asText()).contains("huge@example.com");
        // Only the header block was fetched and kept: staff see who sent what, not megabytes of scans.
        assertThat(message.path("rawSize").asInt()).isLessThan(10_000);
        ResponseEntity<byte[]> original = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/messages/" + message.path("id").asLong() + "/raw", byte[].class);
        String headers = new String(original.getBody(), StandardCharsets.UTF_8);
        assertThat(headers).contains("Subject: Scans of all our pallets").contains(mail.messageId()).doesNotContain("See attachment.");
        // Replaying cannot conjure up the body: it fails again with the same reason instead of opening an empty ticket.
        assertThat(staffPost("/api/messages/" + message.path("id").asLong() + "/replay").getStatusCode().value()).isEqualTo(202);
        await().atMost(WAIT).until(() -> staffGet("/api/messages/" + message.path("id").asLong()).path("attempts").asInt() == 2);
        JsonNode replayed = staffGet("/api/messages/" + message.path("id").asLong());
        assertThat(replayed.path("status").asText()).isEqualTo("FAILED");
        assertThat(replayed.path("reason").asText()).contains("not downloaded");
        // Acknowledged like any committed mail, but kept on the server where the whole mail still is.
        await().atMost(WAIT).until(() -> TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(mail.messageId())).allMatch(TestMailServer::isSeen));
        assertThat(TestMailServer.inbox(TestMailServer.IMAP_USER).stream()
                .filter(m -> header(m, "Message-ID").equals(mail.messageId())).count()).isEqualTo(1);
    }

    @Test
    void pop3MailboxMailBecomesTicketAndLeavesTheServerAfterCommit() {
        MailFixtures mail = mail().from("pop.customer@example.com").to("orders@localhost")
                .subject("New order").text("Please order 5 pallets of storage for next week.");
        TestMailServer.deliver(TestMailServer.POP3_USER, mail.build());

        JsonNode message = awaitSettled(mail.messageId());
        assertThat(message.path("source").asText()).isEqualTo("orders");
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        await().atMost(WAIT).until(() -> TestMailServer.inbox(TestMailServer.POP3_USER).stream()
                .noneMatch(m -> header(m, "Message-ID").equals(mail.messageId())));
    }

    private JsonNode awaitSettled(String messageId) {
        return awaitSettled("EMAIL", messageId);
    }

    private JsonNode timelineOf(JsonNode message) {
        return staffGet("/api/tickets/" + message.path("ref").asText()).path("timeline");
    }

    private long countMessages(String messageId) {
        long n = 0;
        for (JsonNode m : staffGet("/api/messages?channel=EMAIL&limit=500")) {
            if (m.path("externalId").asText().startsWith(messageId)) {
                n++;
            }
        }
        return n;
    }

    private static String header(com.icegreen.greenmail.store.StoredMessage message, String name) {
        try {
            String[] values = message.getMimeMessage().getHeader(name);
            return values == null ? "" : values[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
