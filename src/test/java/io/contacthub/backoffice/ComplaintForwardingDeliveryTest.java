package io.contacthub.backoffice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestBackOffice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A complaint case the complaint module hands off (system COMPLAINT, forward-complaint) reaches
 * the external complaint system with its key, and the system's case number is kept; a 5xx is
 * retried. Rows in 2100, so only this test's dispatcher sees them.
 */
class ComplaintForwardingDeliveryTest extends HubIntegrationTest {

    private static final Instant T0 = Instant.parse("2100-02-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    BackOfficeClient client;
    @Autowired
    BackOfficeSettings settings;
    @Autowired
    List<HandoffType> types;
    @Autowired
    ObjectMapper json;

    @Test
    void aForwardedCaseIsDeliveredOnceWithItsKeyAndTheExternalCaseNumberIsKept() {
        String key = "complaint:test-" + UUID.randomUUID();
        String scenario = "complaint-" + key;
        TestBackOffice.shared().stubFor(post(urlEqualTo(TestBackOffice.COMPLAINT + "/complaints"))
                .withHeader("Idempotency-Key", equalTo(key)).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        TestBackOffice.shared().stubFor(post(urlEqualTo(TestBackOffice.COMPLAINT + "/complaints"))
                .withHeader("Idempotency-Key", equalTo(key)).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody("{\"caseNumber\": \"CMP-2026-0042\"}")));
        long id = jdbc.sql("""
                        insert into handoff (system, operation, idempotency_key, payload, next_attempt_at, created_at)
                        values ('COMPLAINT', 'forward-complaint', ?, cast(? as jsonb), ?, ?) returning id""")
                .params(key, "{\"case\": {\"category\": \"SERVICE_FAILURE\", \"severity\": \"HIGH\"}}",
                        T0.atOffset(ZoneOffset.UTC), T0.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();

        dispatcher(T0).dispatchDue("COMPLAINT");
        assertThat(status(id)).as("a 502 is retried later").isEqualTo("QUEUED");
        dispatcher(T0.plusSeconds(10)).dispatchDue("COMPLAINT");
        assertThat(status(id)).isEqualTo("DELIVERED");
        assertThat(jdbc.sql("select external_ref from handoff where id = ?").param(id).query(String.class).single())
                .isEqualTo("CMP-2026-0042");
        assertThat(TestBackOffice.shared().findAll(postRequestedFor(urlEqualTo(TestBackOffice.COMPLAINT + "/complaints"))
                .withHeader("Idempotency-Key", equalTo(key)))).hasSize(2);
    }

    private HandoffDispatcher dispatcher(Instant now) {
        return new HandoffDispatcher(jdbc, transactions, client, settings, types, json, Clock.fixed(now, ZoneOffset.UTC));
    }

    private String status(long id) {
        return jdbc.sql("select status from handoff where id = ?").param(id).query(String.class).single();
    }
}
