package io.contacthub.security;

import static io.contacthub.testsupport.MailFixtures.mail;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.notify.CustomerNotifications;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.web.console.FormSession;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The attacks of issue 10 on identities and references, each tried as a stranger would: what they
 * claim on a web form or quote in a message never reaches another customer's record, tickets,
 * portal or messages.
 */
class TrustBoundaryTest extends HubIntegrationTest {

    @Autowired
    private CustomerNotifications notifications;

    @Autowired
    private org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @LocalServerPort
    int port;

    @Test
    void webMessageClaimingAnExistingCustomersPhoneDoesNotTakeOverTheirRecord() {
        // The victim texts in: the hub has observed their number.
        String victimPhone = newMobile();
        String sid = newSid("SM");
        postTwilioSigned("/twilio/sms", sms(sid, victimPhone, "我的货物什么时候到？"));
        JsonNode victimMessage = awaitSettled("SMS", sid);
        String victimRef = victimMessage.path("ref").asText();
        long victimId = staffGet("/api/tickets/" + victimRef).path("customer").path("id").asLong();

        // The attacker posts the victim's number with their own address.
        String attacker = "attacker." + unique() + "@example.net";
        JsonNode posted = readJson(postMessage("""
                {"name": "Victim", "phone": "%s", "email": "%s", "subject": "change my address",
                 "body": "Please send everything to my new e-mail"}""".formatted(victimPhone, attacker), null).getBody());
        JsonNode attackerTicket = staffGet("/api/tickets/" + posted.path("ticket").asText());

        assertThat(attackerTicket.path("customer").path("id").asLong()).isNotEqualTo(victimId);
        JsonNode victim = staffGet("/api/tickets/" + victimRef).path("customer");
        assertThat(victim.path("identities").toString()).doesNotContain(attacker);
        // Staff see what the contact claimed and whose it is.
        JsonNode claim = attackerTicket.path("timeline").get(0).path("foreignClaims").get(0);
        assertThat(claim.path("value").asText()).isEqualTo(victimPhone);
        assertThat(claim.path("customerId").asLong()).isEqualTo(victimId);
        assertThat(attackerTicket.path("timeline").get(0).path("senderProven").asBoolean()).isFalse();

        // A staff reply on the victim's ticket still goes to the victim's observed number; the attacker gets nothing of it.
        ResponseEntity<String> reply = staffPostJson("/api/tickets/" + victimRef + "/replies", "{\"body\": \"明天送达\"}");
        assertThat(reply.getStatusCode().value()).as(reply.getBody()).isEqualTo(202);
        assertThat(readJson(reply.getBody()).path("recipient").asText()).isEqualTo(victimPhone);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !TestTwilioApi.textsTo(victimPhone).isEmpty());
        assertThat(TestMailServer.mailTo(attacker)).allSatisfy(m -> assertThat(subject(m)).doesNotContain(victimRef));
    }

    @Test
    void theConsoleShowsWhatAContactClaimedAndLinksAQuotingTicket() throws Exception {
        String phone = newMobile();
        String sid = newSid("SM");
        postTwilioSigned("/twilio/sms", sms(sid, phone, "need a quote"));
        String ref = awaitSettled("SMS", sid).path("ref").asText();
        long owner = staffGet("/api/tickets/" + ref).path("customer").path("id").asLong();
        String quoting = readJson(postMessage("""
                {"phone": "%s", "email": "someone.%s@example.net", "subject": "[#%s] again", "body": "me again"}"""
                .formatted(phone, unique(), ref), null).getBody()).path("ticket").asText();

        FormSession console = new FormSession(port);
        console.signIn("/login", "admin", ADMIN_PASSWORD);
        String page = console.get("/console/tickets/" + quoting + "?lang=en").body();
        assertThat(page).contains("This ticket quotes " + ref).contains("which belongs to customer " + owner)
                .contains("Merge this customer into customer " + owner);
        long stranger = staffGet("/api/tickets/" + quoting).path("customer").path("id").asLong();
        assertThat(console.get("/console/customers/" + stranger + "?lang=en").body()).contains("typed in, not proven");
        assertThat(console.get("/console/customers/" + owner + "?lang=en").body()).contains("observed");
        var linked = console.post("/console/tickets/" + quoting + "/link", Map.of("into", ref), true);
        assertThat(linked.headers().firstValue("Location").orElse("")).endsWith("/console/tickets/" + ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
    }

    @Test
    void staffMergeMovesAClaimedRecordIntoTheCustomerItClaimed() {
        String phone = newMobile();
        String sid = newSid("SM");
        postTwilioSigned("/twilio/sms", sms(sid, phone, "hello from my phone"));
        String smsRef = awaitSettled("SMS", sid).path("ref").asText();
        long kept = staffGet("/api/tickets/" + smsRef).path("customer").path("id").asLong();
        String email = "genuine." + unique() + "@example.cn";
        String webRef = readJson(postMessage("""
                {"phone": "%s", "email": "%s", "subject": "same person", "body": "it is me again, by the web form"}"""
                .formatted(phone, email), null).getBody()).path("ticket").asText();
        long merged = staffGet("/api/tickets/" + webRef).path("customer").path("id").asLong();
        assertThat(merged).isNotEqualTo(kept);

        assertThat(staffPostJson("/api/customers/" + merged + "/merge", "{\"into\": " + kept + "}").getStatusCode().value())
                .isEqualTo(200);
        JsonNode customer = staffGet("/api/tickets/" + webRef).path("customer");
        assertThat(customer.path("id").asLong()).isEqualTo(kept);
        assertThat(customer.path("identities").toString()).contains(email).contains(phone);
        // Merging twice is refused, not silently repeated.
        assertThat(staffPostJson("/api/customers/" + merged + "/merge", "{\"into\": " + kept + "}").getStatusCode().value())
                .isEqualTo(409);
    }

    @Test
    void strangerQuotingAReferenceOpensANewTicketThatNeverShowsInTheVictimsPortal() throws Exception {
        // The victim is a member who wrote in by e-mail.
        String victimMail = "member." + unique() + "@example.cn";
        MailFixtures first = mail().from(victimMail).subject("仓储报价").text("请报价 20 个托盘的仓储费用");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        long victimId = staffGet("/api/tickets/" + ref).path("customer").path("id").asLong();
        String login = "m" + unique();
        jdbc.sql("insert into member_account (login, customer_id, password_hash) values (?, ?, ?)")
                .params(login, victimId, passwords.encode("member-password-1")).update();

        // A stranger, by mail and by web form, quotes the victim's reference.
        String injected = "INJECTED-" + unique();
        MailFixtures strangerMail = mail().from("stranger." + unique() + "@example.net").subject("Re: [#" + ref + "] 仓储报价")
                .text(injected + " please wire the deposit to my account");
        TestMailServer.deliver(TestMailServer.IMAP_USER, strangerMail.build());
        String mailRef = awaitSettled("EMAIL", strangerMail.messageId()).path("ref").asText();
        ResponseEntity<String> web = postMessage("""
                {"email": "%s", "subject": "[#%s] urgent", "body": "%s by web"}""".formatted(victimMail, ref, injected), null);
        assertThat(web.getStatusCode().value()).as(web.getBody()).isEqualTo(202);
        String webRef = readJson(web.getBody()).path("ticket").asText();
        assertThat(webRef).as(web.getBody()).startsWith("CH-");

        assertThat(mailRef).isNotEqualTo(ref);
        assertThat(webRef).isNotEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + mailRef).path("ticket").path("quotedRef").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("status").asText()).isEqualTo("OPEN");

        FormSession portal = new FormSession(port);
        assertThat(portal.signIn("/portal/login", login, "member-password-1")).doesNotContain("error");
        String page = portal.get("/portal/tickets/" + ref).body();
        assertThat(page).contains("仓储报价").doesNotContain(injected);
        String list = portal.get("/portal/tickets").body();
        assertThat(list).contains(ref).doesNotContain(mailRef).doesNotContain(webRef);
    }

    @Test
    void theCustomersOwnTaggedMailJoinsAndReopensTheirResolvedTicket() {
        String address = "owner." + unique() + "@example.cn";
        MailFixtures first = mail().from(address).subject("invoice").text("Please send the invoice again.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref,
                org.springframework.http.HttpMethod.PATCH, jsonEntity("{\"status\": \"RESOLVED\"}"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();

        MailFixtures again = mail().from(address).subject("[#" + ref + "] invoice").text("Still missing.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, again.build());
        assertThat(awaitSettled("EMAIL", again.messageId()).path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void aReplyToTheHubsOwnMessageIdFromANewAddressThreads() {
        String address = "customer." + unique() + "@example.cn";
        MailFixtures first = mail().from(address).subject("pickup").text("Can you pick up on Friday?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        String hubMessageId = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                        select n.rfc_message_id from notification n join ticket t on t.id = n.ticket_id
                        where t.ref = ? and n.channel = 'EMAIL' limit 1""").param(ref).query(String.class).optional().orElse(null),
                id -> id != null);

        // The customer's colleague answers the hub's acknowledgement from their own address.
        MailFixtures colleague = mail().from("colleague." + unique() + "@example.cn").subject("Re: pickup")
                .header("In-Reply-To", hubMessageId).text("Friday works for us, dock 3.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, colleague.build());
        assertThat(awaitSettled("EMAIL", colleague.messageId()).path("ref").asText()).isEqualTo(ref);
    }

    @Test
    void anonymousWebMessageWithAPhoneNumberGetsNoTextOrCall() {
        String phone = newMobile();
        JsonNode posted = readJson(postMessage("""
                {"name": "Spam", "phone": "%s", "subject": "BUY NOW http://spam.example", "body": "cheap watches"}"""
                .formatted(phone), null).getBody());
        String ref = posted.path("ticket").asText();
        JsonNode outbound = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> staffGet("/api/tickets/" + ref).path("notifications"), n -> n.size() > 0);
        assertThat(outbound.get(0).path("status").asText()).isEqualTo("SUPPRESSED");
        assertThat(outbound.get(0).path("lastError").asText()).contains("form");
        // Even staff asking for a text: the number was only typed in, so the hub refuses and says why.
        ResponseEntity<String> sms = staffPostJson("/api/tickets/" + ref + "/replies", "{\"body\": \"hi\", \"channel\": \"SMS\"}");
        assertThat(readJson(sms.getBody()).path("status").asText()).isEqualTo("SUPPRESSED");
        assertThat(TestTwilioApi.textsTo(phone)).isEmpty();
        assertThat(TestTwilioApi.callsTo(phone)).isEmpty();
    }

    @Test
    void textsAndCallsGoOnlyToAllowedCountries() {
        String foreign = "+4915112345678"; // a German mobile texting in: observed, but not an allowed country
        String sid = newSid("SM");
        postTwilioSigned("/twilio/sms", sms(sid, foreign, "where is my parcel, no waybill yet"));
        String ref = awaitSettled("SMS", sid).path("ref").asText();
        ResponseEntity<String> reply = staffPostJson("/api/tickets/" + ref + "/replies", "{\"body\": \"tomorrow\", \"channel\": \"SMS\"}");
        JsonNode queued = readJson(reply.getBody());
        assertThat(queued.path("status").asText()).isEqualTo("SUPPRESSED");
        JsonNode row = staffGet("/api/tickets/" + ref).path("notifications");
        assertThat(row.toString()).contains("region DE");
        assertThat(TestTwilioApi.textsTo(foreign)).isEmpty();
    }

    @Test
    void automaticMessagesToOneAddressAreCapped() {
        String victim = "flooded." + unique() + "@example.cn";
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(readJson(postMessage("""
                    {"email": "%s", "subject": "message %d", "body": "flood %d"}""".formatted(victim, i, i), null).getBody())
                    .path("ticket").asText());
        }
        long queued = jdbc.sql("select count(*) from notification where recipient = ? and status <> 'SUPPRESSED'")
                .param(victim).query(Long.class).single();
        long suppressed = jdbc.sql("select count(*) from notification where recipient = ? and status = 'SUPPRESSED'"
                + " and last_error like '%automatic messages%'").param(victim).query(Long.class).single();
        assertThat(queued).isEqualTo(10);
        assertThat(suppressed).isEqualTo(2);
    }

    @Test
    void twoWorkersQueueingForOneAddressAtOnceCannotBothPassTheCap() throws Exception {
        String victim = "raced." + unique() + "@example.cn";
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) { // one below the cap of 10
            refs.add(readJson(postMessage("""
                    {"email": "%s", "subject": "race %d", "body": "at once %d"}""".formatted(victim, i, i), null).getBody())
                    .path("ticket").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from notification where recipient = ? and status <> 'SUPPRESSED'").param(victim).query(Long.class).single() == 9);
        // Two contacts' transactions (two workers, or two nodes) queue for the same address: the first is still
        // open when the second counts.
        var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var firstQueued = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var first = pool.submit(() -> tx.execute(status -> {
            String queued = notifications.notifyCustomer(refs.get(0), "ack", Map.of(), "race-1-" + victim, null)
                    .map(CustomerNotifications.Queued::status).orElse("none");
            firstQueued.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return queued;
        }));
        assertThat(firstQueued.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var second = pool.submit(() -> tx.execute(status -> notifications.notifyCustomer(refs.get(1), "ack", Map.of(),
                "race-2-" + victim, null).map(CustomerNotifications.Queued::status).orElse("none")));
        Thread.sleep(1_000); // long enough for the second to count, were it not made to wait
        release.countDown();
        assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("QUEUED");
        assertThat(second.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("the eleventh automatic message").isEqualTo("SUPPRESSED");
        pool.shutdown();
    }

    private static Map<String, String> sms(String sid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", "+8610950000");
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    private static org.springframework.http.HttpEntity<String> jsonEntity(String body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return new org.springframework.http.HttpEntity<>(body, headers);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
