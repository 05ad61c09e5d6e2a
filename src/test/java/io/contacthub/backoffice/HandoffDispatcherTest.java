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
 * The hand-off dispatcher against the hub's database and the WireMock stand-ins, with its own clock:
 * a hand-off cut off by a stop is sent again with the same idempotency key rather than lost, and a
 * complaint case the complaint module forwards reaches the complaint system (a 5xx retried) with
 * its case number kept. The rows live in 2100, so the hub's own dispatcher never touches them.
 */
class HandoffDispatcherTest extends HubIntegrationTest {

    private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2100-02-01T00:00:00Z");

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
    void aHandoffCutOffByAStopIsSentAgainWithTheSameKeyAfterTheRestart() {
        String key = "order:restart:" + UUID.randomUUID();
        TestBackOffice.shared().stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-RESTART\"}")));
        long id = jdbc.sql("""
                        insert into handoff (system, operation, idempotency_key, payload, status, attempts, next_attempt_at,
                                             sending_since, created_at)
                        values ('ORDER', 'create-order', ?, cast(? as jsonb), 'SENDING', 1, ?, ?, ?) returning id""")
                .params(key, "{\"requestId\": \"" + key + "\"}", T0.atOffset(ZoneOffset.UTC), T0.atOffset(ZoneOffset.UTC),
                        T0.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();

        // Right after the restart the call might still be running on another node: left alone.
        dispatcher(T0.plusSeconds(30)).dispatchDue("ORDER");
        assertThat(status(id)).isEqualTo("SENDING");
        assertThat(TestBackOffice.shared().findAll(postRequestedFor(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withHeader("Idempotency-Key", equalTo(key)))).isEmpty();

        // Stale after two minutes: sent again, delivered once.
        dispatcher(T0.plusSeconds(180)).dispatchDue("ORDER");
        assertThat(status(id)).isEqualTo("DELIVERED");
        assertThat(jdbc.sql("select external_ref from handoff where id = ?").param(id).query(String.class).single())
                .isEqualTo("SO-RESTART");
        assertThat(TestBackOffice.shared().findAll(postRequestedFor(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withHeader("Idempotency-Key", equalTo(key)))).hasSize(1);
    }

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
                        T1.atOffset(ZoneOffset.UTC), T1.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();

        dispatcher(T1).dispatchDue("COMPLAINT");
        assertThat(status(id)).as("a 502 is retried later").isEqualTo("QUEUED");
        dispatcher(T1.plusSeconds(10)).dispatchDue("COMPLAINT");
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
