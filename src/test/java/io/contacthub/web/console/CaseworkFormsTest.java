package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.customer.PreferredChannels;
import io.contacthub.testsupport.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ticket and customer pages' casework forms seen by a plain HTTP client: CSRF, bad input, ownership. */
class CaseworkFormsTest extends HubIntegrationTest {


    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PreferredChannels preferred;

    @Test
    void complaintStepWithoutTheCsrfTokenIsRefusedAndABadAmountIsExplainedWithoutChangingTheCase() throws Exception {
        String ref = message("""
                {"name": "Ms Li", "email": "%s", "subject": "Complaint: damaged goods",
                 "body": "The goods arrived damaged. I want to complain."}""".formatted(unique()));
        long caseId = staffGet("/api/tickets/" + ref + "/complaint").path("complaint").path("id").asLong();
        assertThat(caseId).isPositive();
        FormSession staff = signedIn("admin", ADMIN_PASSWORD);
        String steps = "/console/tickets/" + ref + "/complaint/" + caseId + "/steps";

        assertThat(staff.post(steps, Map.of("action", "ACKNOWLEDGE"), false).statusCode()).isEqualTo(403);
        assertThat(caseStatus(caseId)).isEqualTo("OPEN");

        var bad = staff.post(steps, Map.of("action", "PROPOSE_COMPENSATION", "text", "refund", "amount", "12,5x"), true);
        assertThat(bad.statusCode()).isEqualTo(302);
        String page = staff.get("/console/tickets/" + ref).body();
        assertThat(page).contains("the amount 12,5x is not a number");
        assertThat(staffGet("/api/complaints/" + caseId).path("complaint").path("compensation").path("text").asText()).isEmpty();
        assertThat(caseStatus(caseId)).isEqualTo("OPEN");

        // Markup in a step's text is shown as text.
        staff.post(steps, Map.of("action", "NOTE", "text", "<script>alert(1)</script>"), true);
        assertThat(staff.get("/console/tickets/" + ref).body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void aHandoffIsOnlyReplayedFromItsOwnTicket() throws Exception {
        String own = message("""
                {"email": "%s", "subject": "order", "body": "hello"}""".formatted(unique()));
        String other = message("""
                {"email": "%s", "subject": "other", "body": "hello"}""".formatted(unique()));
        long handoff = jdbc.sql("""
                        insert into handoff (system, operation, idempotency_key, ticket_id, payload, status, last_error)
                        values ('ORDER', 'create-order', ?, (select id from ticket where ref = ?), '{}', 'REJECTED', 'HTTP 422')
                        returning id""")
                .params("console-test-" + UUID.randomUUID(), own).query(Long.class).single();
        FormSession staff = signedIn("admin", ADMIN_PASSWORD);
        assertThat(staff.post("/console/tickets/" + other + "/handoffs/" + handoff + "/replay", Map.of(), true).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select status from handoff where id = ?").param(handoff).query(String.class).single())
                .isEqualTo("REJECTED");
        assertThat(staff.get("/console/tickets/" + own).body()).contains("data-handoff=\"" + handoff + "\"").contains("HTTP 422");
    }

    @Test
    void onlyEmailSmsVoiceOrAutomaticCanBePreferred() throws Exception {
        String ref = message("""
                {"email": "%s", "phone": "+8613900139%03d", "subject": "hi", "body": "hello"}"""
                .formatted(unique(), (int) (Math.random() * 1000)));
        long customer = jdbc.sql("select customer_id from ticket where ref = ?").param(ref).query(Long.class).single();
        assertThat(preferred.possible(customer)).containsExactly("EMAIL", "SMS", "VOICE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preferred.set(customer, "FAX"))
                .isInstanceOf(PreferredChannels.Refused.class)
                // the test hub's outbound channels: the three built-in ones and the webhook channel's reply posts
                .hasMessageContaining("EMAIL, SMS, VOICE, WEBHOOK or automatic");
        preferred.set(customer, "sms");
        assertThat(preferred.of(customer)).contains("SMS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> preferred.set(Long.MAX_VALUE, "EMAIL"))
                .isInstanceOf(PreferredChannels.Refused.class);
    }

    private String message(String json) {
        var answer = postMessage(json, null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private String caseStatus(long caseId) {
        return staffGet("/api/complaints/" + caseId).path("complaint").path("status").asText();
    }

    private static String unique() {
        return "casework." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A form session signed in as the given staff member. */
    private FormSession signedIn(String user, String password) throws Exception {
        FormSession session = new FormSession(port);
        assertThat(session.signIn("/login", user, password)).endsWith("/console");
        return session;
    }
}
