package io.contacthub.notify;

import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Acknowledgements and staff replies leave the hub over SMTP (GreenMail) and answers thread back. */
class NotificationEmailTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEmailGetsAnAcknowledgementAndTheAnswerToItJoinsTheTicket() throws Exception {
        String customer = "ack." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures mail = mail().from(customer).fromName("Li Wei").subject("Pallet storage next month")
                .text("Hello, we need storage for 20 pallets from next month. Can you help?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        String ref = awaitSettled("EMAIL", mail.messageId()).path("ref").asText();
        assertThat(ref).startsWith("CH-");

        MimeMessage ack = awaitMailTo(customer, 1).get(0);
        assertThat(ack.getSubject()).isEqualTo("[#" + ref + "] Pallet storage next month");
        assertThat(ack.getMessageID()).matches("<[0-9a-f-]{36}@contact-hub>");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(mail.messageId());
        assertThat(ack.getHeader("References", null)).isEqualTo(mail.messageId());
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getHeader("X-Contact-Hub-Notification", null)).isNotBlank();
        assertThat(ack.getFrom()[0].toString()).contains("support@localhost");
        assertThat((String) ack.getContent()).contains(ref).contains("Thank you");
        // Never into a mailbox the hub reads: that would loop.
        assertThat(TestMailServer.inbox(TestMailServer.IMAP_USER)).noneMatch(NotificationEmailTest::isOurs);
        assertThat(TestMailServer.inbox(TestMailServer.POP3_USER)).noneMatch(NotificationEmailTest::isOurs);

        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.path("notifications")).hasSize(1);
        assertThat(ticket.path("notifications").get(0).path("direction").asText()).isEqualTo("OUTBOUND");
        assertThat(ticket.path("notifications").get(0).path("template").asText()).isEqualTo("ack");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                staffGet("/api/tickets/" + ref).path("notifications").get(0).path("status").asText().equals("SENT"));

        // The customer answers the acknowledgement: no tag in the subject, only In-Reply-To our Message-ID.
        MailFixtures answer = mail().from(customer).subject("one more thing")
                .header("In-Reply-To", ack.getMessageID()).header("References", ack.getMessageID())
                .text("Also, do you offer insurance for the pallets?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, answer.build());
        JsonNode settled = awaitSettled("EMAIL", answer.messageId());
        assertThat(settled.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(settled.path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
        // Joining a ticket sends no second acknowledgement.
        Thread.sleep(1000);
        assertThat(mailTo(customer)).hasSize(1);
    }

    @Test
    void aChineseEmailIsAcknowledgedInChinese() throws Exception {
        String customer = "zh." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        MailFixtures mail = mail().from(customer).subject("仓储咨询").text("你好，我们下个月需要存放二十个托盘，请问有空位吗？");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        String ref = awaitSettled("EMAIL", mail.messageId()).path("ref").asText();
        MimeMessage ack = awaitMailTo(customer, 1).get(0);
        assertThat(ack.getSubject()).isEqualTo("[#" + ref + "] 仓储咨询");
        assertThat((String) ack.getContent()).contains("感谢您联系我们").contains(ref);
    }

    @Test
    void aStaffReplyReachesTheCustomerShowsInTheTicketAndTheirAnswerThreadsBack() throws Exception {
        String customer = "reply." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures mail = mail().from(customer).subject("Quote for weekly pickups").text("Please send a quote for weekly pickups.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        String ref = awaitSettled("EMAIL", mail.messageId()).path("ref").asText();

        ResponseEntity<String> response = reply(ref, "{\"body\": \"Dear customer, weekly pickups cost 200 CNY.\"}");
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode queued = readJson(response.getBody());
        assertThat(queued.path("notificationId").asLong()).isPositive();
        assertThat(queued.path("status").asText()).isEqualTo("QUEUED");

        List<MimeMessage> received = awaitMailTo(customer, 2);
        MimeMessage staff = received.stream().filter(m -> header(m, "Auto-Submitted") == null).findFirst().orElseThrow();
        assertThat(staff.getSubject()).isEqualTo("[#" + ref + "] Quote for weekly pickups");
        assertThat((String) staff.getContent()).contains("weekly pickups cost 200 CNY").contains(ref);
        assertThat(header(staff, "In-Reply-To")).isEqualTo(mail.messageId());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode notes = staffGet("/api/tickets/" + ref).path("notifications");
            return notes.size() == 2 && notes.get(1).path("status").asText().equals("SENT")
                    && notes.get(1).path("sentAt").isTextual();
        });
        JsonNode replyNote = staffGet("/api/tickets/" + ref).path("notifications").get(1);
        assertThat(replyNote.path("template").asText()).isEqualTo("reply");
        assertThat(replyNote.path("body").asText()).contains("200 CNY");
        assertThat(replyNote.path("direction").asText()).isEqualTo("OUTBOUND");

        // The customer answers the staff reply from a client that drops the tag: it threads back by
        // In-Reply-To = the reply's Message-ID.
        MailFixtures answer = mail().from(customer).subject("Re: your quote")
                .header("In-Reply-To", staff.getMessageID()).header("References", staff.getMessageID())
                .text("Thanks, please book us from Monday.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, answer.build());
        assertThat(awaitSettled("EMAIL", answer.messageId()).path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
    }

    @Test
    void repliesAreRefusedForUnknownTicketsBlankBodiesAndChannelsTheCustomerCannotBeReachedOn() {
        assertThat(reply("CH-999999", "{\"body\": \"hi\"}").getStatusCode().value()).isEqualTo(404);
        String sms = readJson(postMessage("""
                {"name": "No Mail", "phone": "+8613800138111", "subject": "web, phone only", "body": "please call me back"}""",
                null).getBody()).path("ticket").asText();
        assertThat(sms).startsWith("CH-");
        ResponseEntity<String> byMail = reply(sms, "{\"body\": \"hi\", \"channel\": \"EMAIL\"}");
        assertThat(byMail.getStatusCode().value()).isEqualTo(400);
        assertThat(byMail.getBody()).contains("no e-mail address");
        assertThat(reply(sms, "{\"body\": \"hi\", \"channel\": \"FAX\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(reply(sms, "{\"body\": \"  \"}").getStatusCode().value()).isEqualTo(400);
        // Without a channel, a customer who left only a phone number is answered by SMS.
        ResponseEntity<String> bySms = reply(sms, "{\"body\": \"we will call you at 3 pm\"}");
        assertThat(bySms.getStatusCode().value()).isEqualTo(202);
        assertThat(readJson(bySms.getBody()).path("channel").asText()).isEqualTo("SMS");
        assertThat(readJson(bySms.getBody()).path("recipient").asText()).isEqualTo("+8613800138111");
        assertThat(http.postForEntity("/api/tickets/" + sms + "/replies", json("{\"body\": \"hi\"}"), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void autoRepliesAndOwnNotificationsGetNoAcknowledgementButWebMessagesAreAcknowledgedByEmail() throws Exception {
        String auto = "auto." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures autoReply = mail().from(auto).subject("Out of office").header("Auto-Submitted", "auto-replied")
                .text("I am away until Monday.");
        String loop = "loop." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures ours = mail().from(loop).subject("[#CH-000001] something").header("X-Contact-Hub-Notification", "42")
                .text("A copy of one of our own notifications.");
        MailFixtures fromOwnMailbox = mail().from("orders@localhost").subject("internal").text("from our own mailbox");
        TestMailServer.deliver(TestMailServer.IMAP_USER, autoReply.build());
        TestMailServer.deliver(TestMailServer.IMAP_USER, ours.build());
        TestMailServer.deliver(TestMailServer.IMAP_USER, fromOwnMailbox.build());

        JsonNode a = awaitSettled("EMAIL", autoReply.messageId());
        JsonNode b = awaitSettled("EMAIL", ours.messageId());
        JsonNode c = awaitSettled("EMAIL", fromOwnMailbox.messageId());
        assertThat(a.path("status").asText()).isEqualTo("IGNORED");
        assertThat(b.path("status").asText()).isEqualTo("IGNORED");
        assertThat(b.path("reason").asText()).contains("X-Contact-Hub-Notification");
        assertThat(c.path("status").asText()).isEqualTo("IGNORED");
        // The outbox row would have been written in the same transaction as the contact: none is.
        for (JsonNode m : List.of(a, b, c)) {
            assertThat(ackRows(m.path("id").asLong())).isZero();
        }
        // A web message with an e-mail address is acknowledged by e-mail (the hub cannot write to a browser).
        String webUser = "web.ack." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode web = readJson(postMessage("""
                {"name": "Web User", "email": "%s", "subject": "web question", "body": "a question from the web"}"""
                .formatted(webUser), null).getBody());
        assertThat(web.path("ticket").asText()).startsWith("CH-");
        assertThat(ackRows(web.path("messageId").asLong())).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(webUser).size() == 1);
        // A web form proves nothing: the acknowledgement's wording is fixed, echoing neither name nor subject.
        MimeMessage ack = mailTo(webUser).get(0);
        assertThat(ack.getSubject()).isEqualTo("[#" + web.path("ticket").asText() + "] Customer service notice");
        assertThat(String.valueOf(ack.getContent())).doesNotContain("Web User").doesNotContain("web question");
        assertThat(mailTo(auto)).isEmpty();
        assertThat(mailTo(loop)).isEmpty();
    }

    @Test
    void aNewComplaintIsAnsweredWithTheComplaintNoticeAloneNotAlsoAnAcknowledgement() {
        String customer = "complaint.once." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode posted = readJson(postMessage("""
                {"name": "赵先生", "email": "%s", "subject": "投诉：货物破损", "body": "收到的货物严重破损，我要投诉并要求赔偿。"}"""
                .formatted(customer), null).getBody());
        String ref = posted.path("ticket").asText();
        JsonNode notes = staffGet("/api/tickets/" + ref).path("notifications");
        assertThat(notes.findValues("template").stream().map(JsonNode::asText).toList()).containsExactly("complaint_opened");
        assertThat(ackRows(posted.path("messageId").asLong())).isZero();
    }

    private long ackRows(long messageId) {
        return jdbc.sql("select count(*) from notification where idempotency_key = ?").param("ack:" + messageId)
                .query(Long.class).single();
    }

    private ResponseEntity<String> reply(String ref, String body) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref + "/replies", HttpMethod.POST,
                json(body), String.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    static List<MimeMessage> mailTo(String address) {
        return TestMailServer.mailTo(address);
    }

    private static List<MimeMessage> awaitMailTo(String address, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailTo(address), l -> l.size() >= count);
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isOurs(com.icegreen.greenmail.store.StoredMessage stored) {
        try {
            return stored.getMimeMessage().getHeader("X-Contact-Hub-Notification") != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
