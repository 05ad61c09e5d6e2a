package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.VerificationMail;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Following a ticket without an account, from outside as a stranger would try it: a reference and the one-time code
 * sent to the address the ticket came from show the ticket; nothing else shows anything, and every failure reads the
 * same, so the door tells no one which references exist or whose they are.
 */
class FollowTicketTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void referenceAndTheCodeMailedToItsSenderShowTheTicketWithOnlyWhatWasActuallySent() throws Exception {
        String email = "follow." + unique() + "@example.cn";
        String subject = "仓储预约 " + unique();
        String ref = ticketFrom(email, subject, "请问十二月还有仓位吗？");
        // The acknowledgement goes out over SMTP; a reply waits on an unconfigured channel, another failed for good.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sentOn(ref) > 0);
        String queued = "QUEUED-REPLY-" + unique();
        String failed = "FAILED-REPLY-" + unique();
        notification(ref, email, queued, "QUEUED");
        notification(ref, email, failed, "FAILED");

        FormSession customer = new FormSession(port);
        customer.get("/portal/follow");
        assertThat(customer.post("/portal/follow", Map.of("reference", "[#" + ref + "]"), true).body()).contains("id=\"follow-sent\"");
        HttpResponse<String> proven = customer.post("/portal/follow/code", Map.of("code", VerificationMail.awaitCode(email, 0)), true);
        assertThat(proven.headers().firstValue("Location").orElse("")).endsWith("/portal/follow/ticket");

        String page = customer.get("/portal/follow/ticket?lang=en").body();
        assertThat(page).contains(ref).contains("We are working on it").contains("请问十二月还有仓位吗");
        // The acknowledgement (in the customer's Chinese) is shown; what never went out is not.
        assertThat(page).contains("感谢您联系我们").doesNotContain(queued).doesNotContain(failed);
    }

    @Test
    void unknownReferenceGetsTheSameAnswerAsARealOneAndNoCodeShowsAnything() throws Exception {
        String email = "same." + unique() + "@example.cn";
        String ref = ticketFrom(email, "Storage " + unique(), "Is there space in December?");

        FormSession real = new FormSession(port);
        real.get("/portal/follow");
        String realAnswer = real.post("/portal/follow?lang=en", Map.of("reference", ref), true).body();
        FormSession stranger = new FormSession(port);
        stranger.get("/portal/follow");
        String unknownAnswer = stranger.post("/portal/follow?lang=en", Map.of("reference", "CH-987654321"), true).body();
        assertThat(withoutToken(unknownAnswer)).isEqualTo(withoutToken(realAnswer)).contains("If this reference exists");

        // A guessed code for the unknown reference, and a wrong one for the real one: the same words, no ticket.
        String code = VerificationMail.awaitCode(email, 0);
        String wrong = code.equals("000000") ? "111111" : "000000";
        String unknownTry = stranger.post("/portal/follow/code?lang=en", Map.of("code", code), true).body();
        String wrongTry = real.post("/portal/follow/code?lang=en", Map.of("code", wrong), true).body();
        assertThat(withoutToken(unknownTry)).isEqualTo(withoutToken(wrongTry)).contains("The code is wrong or has expired");
        assertThat(wrongTry).doesNotContain(ref).doesNotContain("Is there space");
        assertThat(real.get("/portal/follow/ticket").headers().firstValue("Location").orElse("")).endsWith("/portal/follow");
    }

    @Test
    void theCodeOfOneTicketDoesNotOpenAnotherTicket() throws Exception {
        String mine = "mine." + unique() + "@example.cn";
        String theirs = "theirs." + unique() + "@example.cn";
        String myRef = ticketFrom(mine, "My parcel " + unique(), "Where is my parcel?");
        String secret = "Their private address 9 Hidden Lane " + unique();
        String theirRef = ticketFrom(theirs, "Their matter " + unique(), secret);

        FormSession attacker = new FormSession(port);
        attacker.get("/portal/follow");
        attacker.post("/portal/follow", Map.of("reference", myRef), true);
        String myCode = VerificationMail.awaitCode(mine, 0);
        // Before using it, they switch to the other ticket's reference and type their own code.
        attacker.post("/portal/follow", Map.of("reference", theirRef), true);
        HttpResponse<String> tried = attacker.post("/portal/follow/code?lang=en", Map.of("code", myCode), true);
        assertThat(tried.body()).contains("The code is wrong or has expired").doesNotContain(secret).doesNotContain(theirRef);
        HttpResponse<String> view = attacker.get("/portal/follow/ticket");
        assertThat(view.statusCode()).isEqualTo(302);
        assertThat(view.body()).doesNotContain(secret);
    }

    @Test
    void aCodeStopsWorkingAfterFiveWrongGuesses() throws Exception {
        String email = "guess." + unique() + "@example.cn";
        String ref = ticketFrom(email, "Guessing " + unique(), "Please call me back");
        FormSession guesser = new FormSession(port);
        guesser.get("/portal/follow");
        guesser.post("/portal/follow", Map.of("reference", ref), true);
        String code = VerificationMail.awaitCode(email, 0);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.post("/portal/follow/code", Map.of("code", wrong), true).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> right = guesser.post("/portal/follow/code?lang=en", Map.of("code", code), true);
        assertThat(right.body()).contains("The code is wrong or has expired").doesNotContain("Please call me back");
        assertThat(guesser.get("/portal/follow/ticket").statusCode()).isEqualTo(302);
    }

    @Test
    void aReferenceGetsAFewCodesADayHoweverOftenItIsEntered() throws Exception {
        String email = "spam." + unique() + "@example.cn";
        String ref = ticketFrom(email, "Spam target " + unique(), "Hello");
        for (int i = 0; i < 5; i++) {
            FormSession spammer = new FormSession(port);
            spammer.get("/portal/follow");
            assertThat(spammer.post("/portal/follow?lang=en", Map.of("reference", ref), true).body())
                    .contains("If this reference exists");
        }
        assertThat(jdbc.sql("select count(*) from notification where template = 'code' and recipient = ?").param(email)
                .query(Long.class).single()).isEqualTo(3); // hub.verification.max-codes-per-purpose
    }

    @Test
    void oneReferenceEnteredTooOftenInAMinuteIsRefusedWhetherOrNotItExists() throws Exception {
        String unknown = "CH-" + (700_000_000 + new java.util.Random().nextInt(99_999_999));
        FormSession stranger = new FormSession(port);
        stranger.get("/portal/follow");
        for (int i = 0; i < 6; i++) { // hub.portal.follow.per-reference-per-minute
            assertThat(stranger.post("/portal/follow?lang=en", Map.of("reference", unknown), true).body())
                    .contains("If this reference exists");
        }
        assertThat(stranger.post("/portal/follow?lang=en", Map.of("reference", unknown), true).body())
                .contains("Too many requests").doesNotContain("If this reference exists");
    }

    @Test
    void somethingThatIsNotAReferenceIsAskedForAgainWithTheReason() throws Exception {
        FormSession stranger = new FormSession(port);
        stranger.get("/portal/follow");
        String answer = stranger.post("/portal/follow?lang=en", Map.of("reference", "' or 1=1 --"), true).body();
        assertThat(answer).contains("Please enter a reference such as CH-000123").contains("id=\"follow-form\"");
        assertThat(stranger.post("/portal/follow/code", Map.of("code", "123456"), true).headers().firstValue("Location")
                .orElse("")).endsWith("/portal/follow");
    }

    private String ticketFrom(String email, String subject, String body) {
        String json = """
                {"name": "Follower", "email": "%s", "subject": "%s", "body": "%s"}""".formatted(email, subject, body);
        return readJson(postMessage(json, UUID.randomUUID().toString()).getBody()).path("ticket").asText();
    }

    private long sentOn(String ref) {
        return jdbc.sql("select count(*) from notification where ticket_id = (select id from ticket where ref = ?) and status = 'SENT'")
                .param(ref).query(Long.class).single();
    }

    /** An outbox row in the given state that the dispatcher leaves alone (not due for a day). */
    private void notification(String ref, String email, String body, String status) {
        jdbc.sql("""
                insert into notification (ticket_id, channel, recipient, template, language, subject, body, status,
                                          next_attempt_at, idempotency_key)
                select id, 'EMAIL', ?, 'reply', 'en', ?, ?, ?, now() + interval '1 day', ? from ticket where ref = ?""")
                .params(email, body, body, status, "test:" + UUID.randomUUID(), ref).update();
    }

    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
