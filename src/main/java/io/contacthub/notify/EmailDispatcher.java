package io.contacthub.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due e-mail notifications. Each one is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * in its own transaction, sent, and marked SENT in that same transaction, so two dispatchers (two
 * hub instances) never send one row at the same time and a sent row is never claimed again.
 *
 * <p>At-least-once window: if the process dies after the SMTP server accepted the mail but before
 * the SENT mark commits, the row is still QUEUED after the restart and is sent again (with the same
 * Message-ID, so mail clients can tell it is the same message). SMTP offers nothing tighter.
 *
 * <p>A failed send counts an attempt and waits {@code min(2^attempts s, 1 h)}; after
 * {@code hub.notify.max-attempts} the row is FAILED with the last error. Without
 * {@code hub.notify.smtp-url} nothing is sent and notifications stay QUEUED until it is configured.
 */
@Component("emailDispatcher")
public class EmailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NotifySettings settings;
    private final SmtpSender sender;
    private final Clock clock;
    private final String channel;

    @Autowired
    EmailDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings) {
        this(jdbc, transactions, settings, Clock.systemUTC(), Outbox.EMAIL);
    }

    /** @param channel the outbox channel whose rows this dispatcher sends (EMAIL; tests use their own) */
    EmailDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings, Clock clock,
                    String channel) {
        this.channel = channel;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.sender = settings.smtpConfigured() ? new SmtpSender(settings.smtpUrl(), settings.from(), settings.fromName()) : null;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayHowMailIsSent() {
        long queued = jdbc.sql("select count(*) from notification where status = 'QUEUED' and channel = 'EMAIL'")
                .query(Long.class).single();
        if (sender == null) {
            log.warn("hub.notify.smtp-url (HUB_SMTP_URL) is not set: e-mail notifications are kept QUEUED in the outbox "
                    + "({} now) and sent once SMTP is configured", queued);
        } else {
            log.info("e-mail notifications go out over {} from {} ({} queued)", sender.describe(), settings.from(), queued);
        }
    }

    /** Sends up to hub.notify.batch-size due notifications; returns how many were sent. */
    public int dispatchDue() {
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Optional<Boolean> result = tx.execute(status -> dispatchOne());
            if (result == null || result.isEmpty()) {
                break;
            }
            if (result.get()) {
                sent++;
            }
        }
        return sent;
    }

    /** In one transaction: claim one due row, send it, record the result. Empty = nothing due. */
    private Optional<Boolean> dispatchOne() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<SmtpSender.PendingEmail> claimed = jdbc.sql("""
                        select id, recipient, template, subject, body, rfc_message_id, in_reply_to, attempts
                        from notification
                        where status = 'QUEUED' and channel = :channel and next_attempt_at <= :now
                        order by next_attempt_at, id
                        limit 1
                        for update skip locked""")
                .param("now", now)
                .param("channel", channel)
                .query((rs, n) -> new SmtpSender.PendingEmail(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
                .optional();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        SmtpSender.PendingEmail mail = claimed.get();
        try {
            sender.send(mail);
        } catch (Exception e) {
            int attempts = mail.attempts() + 1;
            boolean failed = attempts >= settings.maxAttempts();
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            jdbc.sql("""
                            update notification set attempts = :attempts, last_error = :error, status = :status,
                                next_attempt_at = :next where id = :id""")
                    .param("attempts", attempts)
                    .param("error", error)
                    .param("status", failed ? "FAILED" : "QUEUED")
                    .param("next", now.plus(backoff(attempts)))
                    .param("id", mail.id())
                    .update();
            log.warn("notification {} to {}: attempt {} of {} failed{}: {}", mail.id(), mail.recipient(), attempts,
                    settings.maxAttempts(), failed ? " (FAILED, no more attempts)" : ", retrying in " + backoff(attempts), error);
            return Optional.of(false);
        }
        jdbc.sql("update notification set status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = null where id = :id")
                .param("now", now).param("id", mail.id()).update();
        log.info("notification {} ({}) sent to {}", mail.id(), mail.template(), mail.recipient());
        return Optional.of(true);
    }

    /** The wait after the given number of failed attempts: 2^attempts seconds, at most one hour. */
    static Duration backoff(int attempts) {
        if (attempts >= 12) {
            return MAX_BACKOFF;
        }
        Duration d = Duration.ofSeconds(1L << Math.max(0, attempts));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
