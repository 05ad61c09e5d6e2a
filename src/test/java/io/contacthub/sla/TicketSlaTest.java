package io.contacthub.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every ticket's service commitment: its due times, what counts as the first answer, warnings and escalation. */
class TicketSlaTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SlaPolicies policies;

    @Autowired
    SlaWatch watch;

    @Test
    void aNewTicketGetsItsPolicysDueTimesOnTheWorkingCalendar() {
        String ref = message("Where is my invoice?", "Please send the invoice for November.");
        Map<String, Object> t = ticket(ref);
        Instant opened = ((Timestamp) t.get("created_at")).toInstant();
        SlaPolicies.Targets expected = policies.targets("WEB", (String) t.get("intent"), null, opened);
        assertThat(t.get("sla_policy")).isEqualTo("standard");
        assertThat(((Timestamp) t.get("first_response_due_at")).toInstant()).isEqualTo(expected.firstResponseDue());
        assertThat(((Timestamp) t.get("resolution_due_at")).toInstant()).isEqualTo(expected.resolutionDue());
        assertThat(expected.firstResponseDue()).isAfter(opened);
    }

    @Test
    void theAcknowledgementIsNoAnswerButASentStaffReplyIs() {
        String ref = message("Order confirmation", "Could you send me the order confirmation again?");
        long id = (Long) ticket(ref).get("id");
        // The acknowledgement goes out over the test SMTP server ...
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from notification where ticket_id = ? and template = 'ack' and status = 'SENT'").param(id)
                .query(Long.class).single() == 1);
        assertThat(firstAnswer(id)).as("the acknowledgement answers nothing").isNull();
        // ... and so does a staff reply, which is the first answer once it is sent.
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref + "/replies", HttpMethod.POST,
                new HttpEntity<>("{\"body\": \"We are sending a new box today.\"}", headers), String.class);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> firstAnswer(id) != null);
    }

    @Test
    void aTicketNearItsDeadlineIsWarnedAndOnePastItIsEscalatedOnceWithItsHistorySayingSo() throws Exception {
        String ref = message("Pickup", "Please pick up the pallets tomorrow.");
        long id = (Long) ticket(ref).get("id");
        jdbc.sql("update ticket set first_response_due_at = now() + interval '30 minutes' where id = ?").param(id).update();
        watch.look();
        assertThat(events(id)).containsExactly("SLA_WARNING:FIRST_RESPONSE");

        jdbc.sql("update ticket set first_response_due_at = now() - interval '1 minute' where id = ?").param(id).update();
        watch.look();
        watch.look();
        assertThat(events(id)).containsExactly("SLA_WARNING:FIRST_RESPONSE", "SLA_BREACHED:FIRST_RESPONSE");
        assertThat(ticket(ref).get("sla_breached_at")).isNotNull();
        // Supervisors find it in the queue's escalated view, over the API too.
        List<String> escalated = new java.util.ArrayList<>();
        staffGet("/api/tickets?view=escalated&limit=500").forEach(t -> escalated.add(t.path("ref").asText()));
        assertThat(escalated).contains(ref);

        FormSession staff = new FormSession(port);
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        assertThat(staff.get("/console/tickets/" + ref + "?lang=zh").body()).contains("已升级：未按承诺时间首次答复客户");
        assertThat(staff.get("/console/tickets/" + ref + "?lang=en").body()).contains("escalated: the customer got no answer in time");
        assertThat(staff.get("/console?view=escalated&lang=zh").body()).contains("已升级（超出服务承诺）").contains(ref);
    }

    @Test
    void aResolvedTicketIsNeverEscalated() {
        String ref = message("Thanks", "All good now.");
        long id = (Long) ticket(ref).get("id");
        jdbc.sql("update ticket set status = 'RESOLVED', resolution_due_at = now() - interval '1 hour',"
                + " first_response_due_at = now() - interval '2 hours' where id = ?").param(id).update();
        watch.look();
        assertThat(events(id)).isEmpty();
    }

    private List<String> events(long ticket) {
        return jdbc.sql("select kind || ':' || new_value from ticket_event where ticket_id = ? and kind like 'SLA%' order by id")
                .param(ticket).query(String.class).list();
    }

    private Timestamp firstAnswer(long ticket) {
        return jdbc.sql("select " + TicketSla.FIRST_ANSWER + " from ticket t where t.id = ?").param(ticket)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
    }

    private Map<String, Object> ticket(String ref) {
        return jdbc.sql("select * from ticket where ref = ?").param(ref).query().singleRow();
    }

    private String message(String subject, String body) {
        var answer = postMessage("""
                {"name": "SLA Test", "email": "sla.%s@example.com", "subject": "%s", "body": "%s"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), subject, body), null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }
}
