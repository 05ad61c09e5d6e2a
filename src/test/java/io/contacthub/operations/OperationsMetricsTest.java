package io.contacthub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.deferred.CatchUp;
import io.contacthub.deferred.ItemLocks;
import io.contacthub.extract.speech.SpeechToText;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestMailServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;

/**
 * The metrics docs/OPERATIONS.md names are really on /actuator/prometheus and tell the truth, and
 * every rule of config/prometheus-alerts.yml is well formed and alerts on metrics the hub exposes.
 */
class OperationsMetricsTest extends HubIntegrationTest {

    private static final Path ALERTS = Path.of("config", "prometheus-alerts.yml");
    /** Series Prometheus makes itself, not the hub. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Autowired
    private OperationsMetrics metrics;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ItemLocks locks;

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertRuleIsWellFormedAndAlertsOnlyOnMetricsTheHubExposes() throws IOException {
        metrics.refresh();
        Set<String> exposed = exposedMetricNames(scrape());
        assertThat(exposed).contains("hub_backlog_items", "hub_backlog_oldest_age_seconds", "hub_failed_items", "hub_in_flight_items",
                "hub_source_last_success_age_seconds", "hub_source_consecutive_failures", "hub_metrics_snapshot_age_seconds");

        Map<String, Object> file;
        try (InputStream in = Files.newInputStream(ALERTS)) {
            file = new Yaml().load(in);
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertThat(groups).isNotEmpty();
        Set<String> alertNames = new HashSet<>();
        int rules = 0;
        for (Map<String, Object> group : groups) {
            assertThat(group.get("name")).as("group name").isInstanceOf(String.class);
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules++;
                String alert = (String) rule.get("alert");
                assertThat(alert).as("alert name").matches("[A-Z][A-Za-z0-9]+");
                assertThat(alertNames.add(alert)).as("unique alert name " + alert).isTrue();
                assertThat(rule.keySet()).as(alert).containsAnyOf("expr").isSubsetOf(Set.of("alert", "expr", "for", "labels", "annotations",
                        "keep_firing_for"));
                if (rule.containsKey("for")) {
                    assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches("\\d+(ms|s|m|h|d|w|y)");
                }
                assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as(alert + " severity")
                        .isIn("critical", "warning", "info");
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertThat(annotations).as(alert + " annotations").containsKeys("summary", "description");
                String expr = (String) rule.get("expr");
                assertThat(balanced(expr)).as(alert + " brackets in " + expr).isTrue();
                List<String> names = metricNames(expr);
                assertThat(names).as(alert + " names a metric in " + expr).isNotEmpty();
                for (String name : names) {
                    assertThat(exposed.contains(name) || PROMETHEUS_SERIES.contains(name))
                            .as(alert + ": metric " + name + " is not on /actuator/prometheus").isTrue();
                }
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(8);
    }

    @Test
    void failedAndBacklogGaugesMatchTheDatabaseAndMailboxGaugesShowTheirPolls() {
        // A mail that cannot be read becomes FAILED: staff work the gauge counts.
        String messageId = "<" + UUID.randomUUID() + "@metrics.example>";
        String raw = "From: gauge@example.com\r\nTo: support@localhost\r\nSubject: Unreadable\r\nMessage-ID: " + messageId + "\r\n"
                     + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     + "Content-Transfer-Encoding: x-no-such-encoding\r\n\r\nwords\r\n";
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw.getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(awaitSettled("EMAIL", messageId).path("status").asText()));

        long failedBefore = count("select count(*) from inbound_message where status = 'FAILED'");
        long waitingBefore = count("select count(*) from inbound_message where status = 'RECEIVED'");
        metrics.refresh();
        long failedAfter = count("select count(*) from inbound_message where status = 'FAILED'");
        long waitingAfter = count("select count(*) from inbound_message where status = 'RECEIVED'");
        String scrape = scrape();

        assertThat(value(scrape, "hub_failed_items", "kind=\"intake\"")).isBetween((double) failedBefore, (double) failedAfter)
                .isGreaterThanOrEqualTo(1.0);
        assertThat(value(scrape, "hub_backlog_items", "kind=\"intake\""))
                .isBetween((double) Math.min(waitingBefore, waitingAfter), (double) Math.max(waitingBefore, waitingAfter));
        for (String kind : OperationsMetrics.KINDS) {
            assertThat(value(scrape, "hub_backlog_oldest_age_seconds", "kind=\"" + kind + "\"")).as(kind).isGreaterThanOrEqualTo(0.0);
            assertThat(value(scrape, "hub_failed_items", "kind=\"" + kind + "\"")).as(kind).isGreaterThanOrEqualTo(0.0);
            assertThat(value(scrape, "hub_in_flight_items", "kind=\"" + kind + "\"")).as(kind).isGreaterThanOrEqualTo(0.0);
        }
        assertThat(value(scrape, "hub_metrics_snapshot_age_seconds", null)).isLessThan(10.0);

        // The working mailbox polled moments ago; the unreachable one never worked and keeps failing.
        await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "hub_source_consecutive_failures",
                "source=\"mailbox:unreachable\"") >= 1);
        String now = scrape();
        assertThat(value(now, "hub_source_last_success_age_seconds", "source=\"mailbox:support\"")).isLessThan(30.0);
        assertThat(value(now, "hub_source_consecutive_failures", "source=\"mailbox:support\"")).isZero();
        assertThat(value(now, "hub_source_last_success_age_seconds", "source=\"mailbox:unreachable\"")).isGreaterThan(0.0);
    }

    @Test
    void inFlightQueuedAndFailedAreCountedPerKindIncludingVoicemailsWaitingForAModel() {
        // Lanes no dispatcher polls, so nothing settles these rows while the test looks at them.
        long notification = jdbc.sql("""
                        insert into notification (channel, recipient, template, language, body, status, sending_since, idempotency_key)
                        values ('TEST-METRICS', 'metrics@example.com', 'reply', 'en', 'x', 'SENDING', now(), ?) returning id""")
                .param("test:" + UUID.randomUUID()).query(Long.class).single();
        long handoff = jdbc.sql("""
                        insert into handoff (system, operation, idempotency_key, payload, status, sending_since)
                        values ('TEST-METRICS', 'none', ?, '{}', 'SENDING', now()) returning id""")
                .param("test:" + UUID.randomUUID()).query(Long.class).single();
        long voicemail = jdbc.sql("""
                        insert into inbound_message (channel, external_id, content_type, raw, raw_size, status)
                        values ('VOICE', ?, 'application/json', '\\x7b7d', 2, 'PROCESSED') returning id""")
                .param("RE" + UUID.randomUUID()).query(Long.class).single();
        for (String error : List.of(SpeechToText.UNTRANSCRIBED_PREFIX + " no model (test)", "transcription failed: corrupt (test)")) {
            jdbc.sql("""
                            insert into attachment (message_id, file_name, content_type, size, sha256, content, extraction_error)
                            values (?, 'r.wav', 'audio/x-wav', 2, ?, '\\x0000', ?)""")
                    .params(voicemail, "0".repeat(64), error).update();
        }
        try (ItemLocks.Session run = locks.open(CatchUp.FAX_OCR)) {
            assertThat(run.tryLock(ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE))).isTrue();
            metrics.refresh();
            String scrape = scrape();

            assertThat(value(scrape, "hub_in_flight_items", "kind=\"notification\""))
                    .isEqualTo((double) count("select count(*) from notification where status = 'SENDING'")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "hub_in_flight_items", "kind=\"handoff\""))
                    .isEqualTo((double) count("select count(*) from handoff where status = 'SENDING'")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "hub_in_flight_items", "kind=\"fax_ocr\"")).as("the fax this run holds")
                    .isEqualTo((double) locks.heldNow(CatchUp.FAX_OCR)).isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "hub_backlog_items", "kind=\"notification\"")).as("in flight is part of the backlog")
                    .isGreaterThanOrEqualTo(value(scrape, "hub_in_flight_items", "kind=\"notification\""));
            assertThat(value(scrape, "hub_backlog_items", "kind=\"transcription\"")).isEqualTo((double) count(
                    "select count(*) from attachment where content_type like 'audio/%' and extraction_error like 'untranscribed:%'"))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(value(scrape, "hub_backlog_oldest_age_seconds", "kind=\"transcription\"")).isGreaterThanOrEqualTo(0.0);
            assertThat(value(scrape, "hub_failed_items", "kind=\"transcription\"")).isGreaterThanOrEqualTo(1.0);
        } finally {
            jdbc.sql("delete from attachment where message_id = ?").param(voicemail).update();
            jdbc.sql("delete from inbound_message where id = ?").param(voicemail).update();
            jdbc.sql("delete from notification where id = ?").param(notification).update();
            jdbc.sql("delete from handoff where id = ?").param(handoff).update();
        }
        metrics.refresh();
        assertThat(value(scrape(), "hub_in_flight_items", "kind=\"fax_ocr\"")).as("released with the run")
                .isEqualTo((double) locks.heldNow(CatchUp.FAX_OCR));
    }

    private String scrape() {
        ResponseEntity<String> response = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static Set<String> exposedMetricNames(String scrape) {
        Set<String> names = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** The value of the first series of {@code name} whose labels contain {@code label} (any series when null). */
    private static double value(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
                if (label == null || labels.contains(label)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        throw new AssertionError("no series " + name + (label == null ? "" : "{" + label + "}") + " on /actuator/prometheus");
    }

    /** Metric names in a PromQL expression: identifiers outside label matchers, ranges and strings, that are not functions or keywords. */
    static List<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "");
        // Label lists of by (...) / on (...) and friends name labels, not metrics.
        bare = bare.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean function = bare.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !number && !PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        for (char c : expr.toCharArray()) {
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
            if (round < 0 || curly < 0 || square < 0) {
                return false;
            }
        }
        return round == 0 && curly == 0 && square == 0;
    }
}
