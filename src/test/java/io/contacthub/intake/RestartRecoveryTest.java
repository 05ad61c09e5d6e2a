package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.ContactHubApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hub that stops between committing messages and processing them (a crash, a kill, a power
 * cut) resumes them at the next start: every message is processed exactly once, and the data
 * directory of the embedded PostgreSQL survives the restart.
 */
class RestartRecoveryTest {

    private final Path dataDir = Path.of("target", "test-data", "restart-" + UUID.randomUUID());

    @Test
    void messagesCommittedBeforeACrashAreProcessedExactlyOnceAfterRestart() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ConfigurableApplicationContext first = startHub()) {
            ReceiveStage receive = first.getBean(ReceiveStage.class);
            // Commit without handing over to processing: exactly the state a crash right after the
            // receive stage's commit leaves behind.
            for (int i = 0; i < 25; i++) {
                ids.add(receive.receive(webMessage("crash-" + i)).messageId());
            }
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from inbound_message where status = 'RECEIVED'").query(Long.class).single())
                    .isEqualTo(25);
        }

        try (ConfigurableApplicationContext second = startHub()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    jdbc.sql("select count(*) from inbound_message where status = 'PROCESSED'").query(Long.class).single() == 25);
            assertThat(jdbc.sql("select count(*) from contact_record").query(Long.class).single()).isEqualTo(25);
            assertThat(jdbc.sql("select count(distinct message_id) from contact_record").query(Long.class).single()).isEqualTo(25);
            assertThat(jdbc.sql("select max(attempts) from inbound_message").query(Integer.class).single()).isEqualTo(1);

            // A redelivery after the restart (the source never got its acknowledgement) is a no-op.
            Receipt again = second.getBean(ReceiveStage.class).receive(webMessage("crash-0"));
            assertThat(again.duplicate()).isTrue();
            assertThat(again.messageId()).isEqualTo(ids.get(0));
            assertThat(jdbc.sql("select count(*) from inbound_message").query(Long.class).single()).isEqualTo(25);

            // While the routes are stopped (start-up or shutdown) the web form asks to retry instead of failing.
            second.getBean(CamelContext.class).stop();
            HttpResponse<String> answer = postWebMessage(second.getEnvironment().getProperty("local.server.port"));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("5");
            assertThat(jdbc.sql("select count(*) from inbound_message").query(Long.class).single()).isEqualTo(25);
        }
    }

    private static HttpResponse<String> postWebMessage(String port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"email": "late@example.com", "subject": "late", "body": "am I too early?"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext startHub() {
        return new SpringApplicationBuilder(ContactHubApplication.class)
                // Command-line arguments: they outrank application.yml, as they would for an operator.
                .run("--hub.data-dir=" + dataDir, "--server.port=0", "--hub.admin-password=x", "--hub.mail.url=");
    }

    private static InboundMessage webMessage(String key) {
        String json = """
                {"email": "%s@example.com", "subject": "After the crash", "body": "Where is order SO2026001122?"}""".formatted(key);
        return new InboundMessage("WEB", "key:" + key, "test", key + "@example.com", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }
}
