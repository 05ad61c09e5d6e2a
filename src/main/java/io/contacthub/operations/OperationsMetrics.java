package io.contacthub.operations;

import io.contacthub.deferred.CatchUp;
import io.contacthub.deferred.ItemLocks;
import io.contacthub.extract.speech.SpeechToText;
import io.contacthub.intake.SourceHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauges an operator alerts on (docs/OPERATIONS.md, config/prometheus-alerts.yml):
 * <ul>
 * <li>{@code hub_backlog_items{kind}} and {@code hub_backlog_oldest_age_seconds{kind}}: work waiting,
 * per kind — {@code intake} (messages committed, not processed yet), {@code notification}
 * (queued or being sent), {@code handoff} (to the back-office systems), {@code fax_ocr} (faxes
 * waiting for Tesseract), {@code transcription} (voicemails waiting for a speech model);</li>
 * <li>{@code hub_in_flight_items{kind}}: of those, the ones some hub instance is working on right
 * now (an attempt with a heartbeat, a row SENDING, a catch-up item locked);</li>
 * <li>{@code hub_failed_items{kind}}: what staff must look at — FAILED messages, FAILED or UNCERTAIN
 * notifications, FAILED or REJECTED hand-offs, faxes whose OCR FAILED, recordings that could not be
 * transcribed;</li>
 * <li>{@code hub_source_last_success_age_seconds{source}} and
 * {@code hub_source_consecutive_failures{source}}: each mailbox and webhook source;</li>
 * <li>{@code hub_metrics_snapshot_age_seconds}: how old the database figures above are.</li>
 * </ul>
 * The database figures are read every {@value #REFRESH_MILLIS} ms in the background, never during a
 * scrape, so a scrape stays instant even when the database hangs; then the snapshot age grows.
 */
@Component
class OperationsMetrics {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);
    static final long REFRESH_MILLIS = 15_000;
    static final List<String> KINDS = List.of("intake", "notification", "handoff", CatchUp.FAX_OCR.kind(),
            CatchUp.TRANSCRIPTION.kind());
    private static final String AUDIO = "a.content_type like 'audio/%'";

    private final JdbcClient jdbc;
    private final SourceHealth sources;
    private final MeterRegistry registry;
    private final ItemLocks locks;
    private final Map<String, double[]> backlog = new ConcurrentHashMap<>();   // kind -> {items, oldest age s}
    private final Map<String, Double> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Double> failed = new ConcurrentHashMap<>();
    private final Set<String> sourceGauges = ConcurrentHashMap.newKeySet();
    private volatile Instant refreshedAt;
    private final Instant startedAt = Instant.now();

    OperationsMetrics(JdbcClient jdbc, SourceHealth sources, MeterRegistry registry, ItemLocks locks) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.registry = registry;
        this.locks = locks;
        for (String kind : KINDS) {
            Gauge.builder("hub.backlog.items", () -> backlog.getOrDefault(kind, new double[] {Double.NaN, Double.NaN})[0])
                    .tag("kind", kind).description("Work items waiting, per kind").register(registry);
            Gauge.builder("hub.backlog.oldest.age", () -> backlog.getOrDefault(kind, new double[] {Double.NaN, Double.NaN})[1])
                    .tag("kind", kind).baseUnit("seconds").description("Age of the oldest waiting work item, per kind (0 when none)")
                    .register(registry);
            Gauge.builder("hub.in.flight.items", () -> inFlight.getOrDefault(kind, Double.NaN))
                    .tag("kind", kind).description("Waiting work items a hub instance is working on right now, per kind")
                    .register(registry);
            Gauge.builder("hub.failed.items", () -> failed.getOrDefault(kind, Double.NaN))
                    .tag("kind", kind).description("Items that failed and wait for staff, per kind").register(registry);
        }
        Gauge.builder("hub.metrics.snapshot.age", this::snapshotAge).baseUnit("seconds")
                .description("Seconds since the backlog and failure figures were last read from the database")
                .register(registry);
    }

    private double snapshotAge() {
        Instant at = refreshedAt != null ? refreshedAt : startedAt;
        return Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    @Scheduled(initialDelay = 0, fixedDelay = REFRESH_MILLIS)
    void refresh() {
        registerSourceGauges();
        try {
            jdbc.sql("""
                            select 'intake', count(*), coalesce(extract(epoch from now() - min(received_at)), 0)
                              from inbound_message where status = 'RECEIVED'
                            union all
                            select 'notification', count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                              from notification where status in ('QUEUED', 'SENDING')
                            union all
                            select 'handoff', count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                              from handoff where status in ('QUEUED', 'SENDING')
                            union all
                            select 'fax_ocr', count(*), coalesce(extract(epoch from now() - min(updated_at)), 0)
                              from fax_document where ocr_status = 'WAITING'
                            union all
                            select 'transcription', count(*), coalesce(extract(epoch from now() - min(m.received_at)), 0)
                              from attachment a join inbound_message m on m.id = a.message_id
                             where\s""" + AUDIO + " and a.extraction_error like :untranscribed")
                    .param("untranscribed", SpeechToText.UNTRANSCRIBED_PREFIX + "%")
                    .query((rs, n) -> backlog.put(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3)})).list();
            jdbc.sql("""
                            select 'intake', count(*) from inbound_message where status = 'RECEIVED' and alive_at is not null
                            union all
                            select 'notification', count(*) from notification where status = 'SENDING'
                            union all
                            select 'handoff', count(*) from handoff where status = 'SENDING'""")
                    .query((rs, n) -> inFlight.put(rs.getString(1), (double) rs.getLong(2))).list();
            for (CatchUp kind : CatchUp.values()) {
                inFlight.put(kind.kind(), (double) locks.heldNow(kind));
            }
            jdbc.sql("""
                            select 'intake', count(*) from inbound_message where status = 'FAILED'
                            union all
                            select 'notification', count(*) from notification where status in ('FAILED', 'UNCERTAIN')
                            union all
                            select 'handoff', count(*) from handoff where status in ('FAILED', 'REJECTED')
                            union all
                            select 'fax_ocr', count(*) from fax_document where ocr_status = 'FAILED'
                            union all
                            select 'transcription', count(*) from attachment a
                             where\s""" + AUDIO + " and a.extraction_error like 'transcription failed:%'")
                    .query((rs, n) -> failed.put(rs.getString(1), (double) rs.getLong(2))).list();
            refreshedAt = Instant.now();
        } catch (RuntimeException e) {
            // Kept as they were; hub_metrics_snapshot_age_seconds shows they are getting old.
            log.warn("operations metrics: cannot read the backlog from the database: {}", e.getMessage());
        }
    }

    /** Sources appear as they are used (mailboxes at start, webhooks at their first call). */
    private void registerSourceGauges() {
        for (String source : sources.consecutiveFailures().keySet()) {
            if (sourceGauges.add(source)) {
                Gauge.builder("hub.source.last.success.age", () -> sources.secondsSinceLastSuccess().getOrDefault(source, Double.NaN))
                        .tag("source", source).baseUnit("seconds")
                        .description("Seconds since the source last worked (or since it was set up, if it never has)")
                        .register(registry);
                Gauge.builder("hub.source.consecutive.failures", () -> sources.consecutiveFailures().getOrDefault(source, 0))
                        .tag("source", source).description("Failures of the source in a row").register(registry);
            }
        }
    }
}
