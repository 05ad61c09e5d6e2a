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
 * A hub that stopped in the middle of a call to the order system left the hand-off SENDING; after
 * the restart it is sent again with the same idempotency key (the order system drops the repeat)
 * rather than lost. The rows live in 2100, so the hub's own dispatcher never touches them.
 */
class HandoffRestartTest extends HubIntegrationTest {

    private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");

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

    private HandoffDispatcher dispatcher(Instant now) {
        return new HandoffDispatcher(jdbc, transactions, client, settings, types, json, Clock.fixed(now, ZoneOffset.UTC));
    }

    private String status(long id) {
        return jdbc.sql("select status from handoff where id = ?").param(id).query(String.class).single();
    }
}
