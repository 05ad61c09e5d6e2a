package io.contacthub.web.portal;

import static io.contacthub.testsupport.MailFixtures.mail;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.MemberAccounts;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.VerificationMail;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A member login is a key to a customer's tickets, so it is granted only to someone who proved the
 * survey's address with a code, and never lands on another customer's record because of a number
 * someone typed. Password reset takes the same proof, at an address the hub knows for the member.
 */
class MembershipProofTest extends HubIntegrationTest {

    private static final String PASSWORD = "member-password-1";

    @LocalServerPort
    int port;

    @Autowired
    CustomerSurveys surveys;

    @Autowired
    MemberAccounts members;

    @Autowired
    JdbcClient jdbc;

    @Test
    void surveyWithAVictimsPhoneGivesTheApplicantALoginOnTheirOwnRecordOnly() throws Exception {
        // The victim has texted in from their phone.
        String victimPhone = newMobile();
        String sid = newSid("SM");
        postTwilioSigned("/twilio/sms", Map.of("MessageSid", sid, "AccountSid", TWILIO_ACCOUNT_SID, "From", victimPhone,
                "To", "+8610950000", "Body", "please call me back about my storage contract", "NumMedia", "0"));
        String victimRef = awaitSettled("SMS", sid).path("ref").asText();
        long victimId = staffGet("/api/tickets/" + victimRef).path("customer").path("id").asLong();

        // The attacker applies with the victim's phone and their own e-mail, and proves the e-mail.
        String login = "att" + unique();
        String attackerMail = login + "@example.net";
        FormSession portal = new FormSession(port);
        HttpResponse<String> proofPage = submitSurvey(portal, login, attackerMail, victimPhone);
        assertThat(proofPage.body()).contains("id=\"proof\"");
        HttpResponse<String> proven = portal.post("/portal/survey/verify", Map.of("code", VerificationMail.awaitCode(attackerMail, 0)), true);
        assertThat(proven.body()).contains("id=\"survey-proven\"");

        long surveyId = surveyOf(login);
        assertThat(surveys.matches(surveys.find(surveyId).orElseThrow())).anySatisfy(m -> {
            assertThat(m.customerId()).isEqualTo(victimId);
            assertThat(m.provenance()).isEqualTo("OBSERVED");
        });
        surveys.approve(surveyId, "admin");

        long memberCustomer = members.find(login).orElseThrow().customerId();
        assertThat(memberCustomer).isNotEqualTo(victimId);
        FormSession attacker = new FormSession(port);
        attacker.signIn("/portal/login", login, PASSWORD);
        assertThat(attacker.get("/portal/tickets").body()).doesNotContain(victimRef);
        assertThat(attacker.get("/portal/tickets/" + victimRef).statusCode()).isEqualTo(404);
        assertThat(staffGet("/api/tickets/" + victimRef).path("customer").path("identities").toString()).doesNotContain(attackerMail);
    }

    @Test
    void surveyWithAVictimsEmailIsNotApprovedWithoutTheCodeThatWentToTheVictimAndGuessingKillsIt() throws Exception {
        // The victim has mailed in: the hub observed their address.
        String victimMail = "victim." + unique() + "@example.cn";
        MailFixtures first = mail().from(victimMail).subject("contract").text("about my storage contract");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        awaitSettled("EMAIL", first.messageId());

        // The attacker applies with the victim's address: the code goes to the victim, not to them.
        String login = "vm" + unique();
        FormSession portal = new FormSession(port);
        submitSurvey(portal, login, victimMail, newMobile());
        String code = VerificationMail.awaitCode(victimMail, 0);

        long surveyId = surveyOf(login);
        assertThatThrownBy(() -> surveys.approve(surveyId, "admin")).isInstanceOf(CustomerSurveys.SurveyRejected.class)
                .hasMessageContaining("not yet proven");

        for (int i = 0; i < 5; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
            assertThat(portal.post("/portal/survey/verify", Map.of("code", wrong), true).body()).contains("id=\"proof-error\"");
        }
        // Five wrong guesses: even the right code no longer works.
        assertThat(portal.post("/portal/survey/verify", Map.of("code", code), true).body()).contains("id=\"proof-error\"");
        assertThat(surveys.find(surveyId).orElseThrow().proven()).isFalse();
        assertThat(members.find(login)).isEmpty();
        // Asking again and again is bounded too: three codes per request, then no more.
        portal.post("/portal/survey/verify/resend", Map.of(), true);
        portal.post("/portal/survey/verify/resend", Map.of(), true);
        assertThat(portal.post("/portal/survey/verify/resend", Map.of(), true).body()).contains("already sent several codes");
        assertThat(VerificationMail.codeMailsTo(victimMail).size()).isLessThanOrEqualTo(3);
    }

    @Test
    void aMemberResetsTheirPasswordWithACodeMailedToTheirProvenAddress() throws Exception {
        String address = "reset." + unique() + "@example.cn";
        MailFixtures first = mail().from(address).subject("hello").text("first mail");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        long customerId = staffGet("/api/tickets/" + ref).path("customer").path("id").asLong();
        String login = "rs" + unique();
        jdbc.sql("insert into member_account (login, customer_id, password_hash) values (?, ?, 'not-a-hash')")
                .params(login, customerId).update();

        FormSession portal = new FormSession(port);
        portal.get("/portal/reset");
        assertThat(portal.post("/portal/reset", Map.of("login", login), true).body()).contains("id=\"reset-sent\"");
        String code = VerificationMail.awaitCode(address, 0);
        HttpResponse<String> done = portal.post("/portal/reset/confirm", Map.of("code", code, "password", "brand-new-password"), true);
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/portal/login?reset");
        assertThat(new FormSession(port).signIn("/portal/login", login, "brand-new-password")).endsWith("/portal/tickets");

        // An unknown login gets the same page and no code goes anywhere.
        int mailsBefore = TestMailServer.shared().getReceivedMessages().length;
        FormSession other = new FormSession(port);
        other.get("/portal/reset");
        assertThat(other.post("/portal/reset", Map.of("login", "nobody" + unique()), true).body()).contains("id=\"reset-sent\"");
        Thread.sleep(1000); // give a (wrongly) queued code the dispatcher's poll to go out
        assertThat(TestMailServer.shared().getReceivedMessages().length).isEqualTo(mailsBefore);
    }

    @Test
    void aSignedInMembersPortalMessageIsOnTheirOwnRecordWhateverAddressIsTyped() throws Exception {
        String address = "own." + unique() + "@example.cn";
        MailFixtures first = mail().from(address).subject("hello").text("first mail");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        long customerId = staffGet("/api/tickets/" + ref).path("customer").path("id").asLong();
        String login = "pm" + unique();
        jdbc.sql("insert into member_account (login, customer_id, password_hash) values (?, ?, ?)")
                .params(login, customerId, new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PASSWORD))
                .update();

        FormSession portal = new FormSession(port);
        portal.signIn("/portal/login", login, PASSWORD);
        String token = UUID.randomUUID().toString();
        portal.get("/portal/message");
        HttpResponse<String> sent = portal.post("/portal/message", Map.of("token", token, "email", "typo@example.net",
                "subject", "new matter", "body", "a question from my account"), true);
        assertThat(sent.statusCode()).isEqualTo(200);
        var message = messageByExternalId("WEB", "key:portal-" + token);
        var ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.path("customer").path("id").asLong()).isEqualTo(customerId);
        assertThat(ticket.path("timeline").get(0).path("senderProven").asBoolean()).isTrue();
    }

    private HttpResponse<String> submitSurvey(FormSession portal, String login, String email, String phone) throws Exception {
        portal.get("/portal/survey");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("contactName", "Applicant " + login);
        if (email != null) {
            form.put("email", email);
        }
        form.put("phone", phone);
        form.put("preferredChannel", "EMAIL");
        form.put("wantsMembership", "true");
        form.put("login", login);
        form.put("password", PASSWORD);
        return portal.post("/portal/survey", form, true);
    }

    private long surveyOf(String login) {
        return jdbc.sql("select id from customer_survey where login = ?").param(login).query(Long.class).single();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
