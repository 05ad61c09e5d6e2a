package io.contacthub.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * hub.complaint.forward: the shared test hub runs with the default (off); the opening path is
 * exercised with forwarding on by building it by hand with the hub's own collaborators.
 */
class CaseForwardingTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ComplaintCategories categories;
    @Autowired
    ComplaintNotices notices;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void byDefaultANewCaseIsNotForwarded() {
        JsonNode posted = post("""
                {"name": "No Forward", "email": "noforward.%s@example.com", "subject": "complaint",
                 "body": "The goods arrived damaged."}""");
        long caseId = jdbc.sql("select c.id from complaint_case c join ticket t on t.id = c.ticket_id where t.ref = ?")
                .param(posted.path("ticket").asText()).query(Long.class).single();
        assertThat(handoffRows(caseId)).isZero();
    }

    @Test
    void withForwardingOnOpeningACaseQueuesOneHandoffWithTheCaseData() throws Exception {
        // A real contact on a real ticket that opened no case (it is no complaint to the classifier) ...
        String email = "forward." + ComplaintCaseTest.unique() + "@example.com";
        JsonNode posted = post("""
                {"name": "Zhao Lei", "email": "%s", "subject": "Shipment SF1234567890123",
                 "body": "Order SO2026112301 went to the wrong city."}""".formatted(email));
        String ref = posted.path("ticket").asText();
        long messageId = posted.path("messageId").asLong();
        Map<String, Object> row = jdbc.sql("select ticket_id, subject, body, urgency from contact_record where message_id = ?")
                .param(messageId).query().singleRow();
        // ... opened as one by the same code path the intake hook uses, with forwarding switched on.
        ComplaintCases forwarding = new ComplaintCases(jdbc, categories, notices, new CaseForwarding(jdbc),
                ComplaintSettings.defaults(true), Clock.systemUTC());
        var complaint = new ComplaintCases.Complaint(messageId, (Long) row.get("ticket_id"), ref, "WEB",
                (String) row.get("subject"), (String) row.get("body"), (String) row.get("urgency"));

        Optional<Long> opened = new TransactionTemplate(transactions).execute(tx -> forwarding.open(complaint)
                .map(ComplaintCases.Opened::caseId));
        Optional<Long> again = new TransactionTemplate(transactions).execute(tx -> forwarding.open(complaint)
                .map(ComplaintCases.Opened::caseId));

        assertThat(opened).isPresent();
        assertThat(again).as("the same message opens no second case").isEmpty();
        long caseId = opened.get();
        assertThat(handoffRows(caseId)).isEqualTo(1);
        Map<String, Object> handoff = jdbc.sql("""
                        select h.system, h.operation, h.ticket_id, h.message_id, h.payload::text as payload
                        from handoff h where h.idempotency_key = ?""").param("complaint:" + caseId).query().singleRow();
        assertThat(handoff.get("system")).isEqualTo("COMPLAINT");
        assertThat(handoff.get("operation")).isEqualTo("forward-complaint");
        // (Its status is the dispatcher's business: it may already be on its way.)
        assertThat(handoff.get("ticket_id")).isEqualTo(row.get("ticket_id"));
        assertThat(handoff.get("message_id")).isEqualTo(messageId);
        JsonNode payload = json.readTree((String) handoff.get("payload"));
        assertThat(payload.path("caseId").asLong()).isEqualTo(caseId);
        assertThat(payload.path("ticket").asText()).isEqualTo(ref);
        assertThat(payload.path("severity").asText()).isEqualTo("MEDIUM");
        assertThat(payload.path("category").asText()).isEqualTo("UNCLASSIFIED");
        assertThat(payload.path("firstResponseDueAt").asText()).isNotBlank();
        assertThat(payload.path("body").asText()).contains("wrong city");
        assertThat(payload.path("customer").path("email").asText()).isEqualTo(email);
        assertThat(payload.path("customer").path("name").asText()).isEqualTo("Zhao Lei");
        assertThat(payload.path("entities").path("waybillNumbers").toString()).contains("SF1234567890123");
        // The case and its notice were written in the same transaction as the hand-off.
        assertThat(jdbc.sql("select count(*) from notification where idempotency_key = ?").param("complaint-opened:" + caseId)
                .query(Long.class).single()).isEqualTo(1);
    }

    private long handoffRows(long caseId) {
        return jdbc.sql("select count(*) from handoff where system = 'COMPLAINT' and idempotency_key = ?")
                .param("complaint:" + caseId).query(Long.class).single();
    }

    private JsonNode post(String body) {
        return readJson(postMessage(body, null).getBody());
    }
}
