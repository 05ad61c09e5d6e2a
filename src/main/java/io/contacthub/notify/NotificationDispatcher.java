package io.contacthub.notify;

import io.contacthub.customer.SmsOptOuts;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * Sends due outbox rows, one channel per call (each channel's route under routes/outbound calls
 * {@link #dispatchDue(String)} on its own timer).
 *
 * <p>Each row goes through three steps: (1) claim it with {@code SELECT ... FOR UPDATE SKIP LOCKED},
 * mark it SENDING and commit — so two hub instances never take the same row; (2) hand it to the
 * provider; (3) record SENT with the provider's id, or the failure. A row found SENDING for longer
 * than {@code hub.notify.sending-stale-after} belongs to a hub that stopped between (1) and (3): the
 * provider may or may not have it, and sending it again could text or mail the customer twice, so
 * it becomes UNCERTAIN for staff to check and replay, unless the provider's delivery report names
 * it first (then it is SENT). That is how a restart never sends one notification twice.
 *
 * <p>A retryable failure waits {@code min(2^attempts s, 1 h)}; after {@code hub.notify.max-attempts}
 * or a permanent refusal (invalid number, 4xx) the row is FAILED with the error. A channel whose
 * provider is not configured keeps its rows QUEUED and says so at start-up. An SMS to a number that
 * opted out after the row was queued is SUPPRESSED, not sent.
 */
@Component("notificationDispatcher")
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NotifySettings settings;
    private final Map<String, ChannelSender> senders;
    private final ProviderRateLimits rateLimits;
    private final SmsOptOuts optOuts;
    private final Clock clock;

    @Autowired
    NotificationDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings,
                           List<ChannelSender> senders, ProviderRateLimits rateLimits, SmsOptOuts optOuts) {
        this(jdbc, transactions, settings, withSmtp(senders, settings), rateLimits, optOuts, Clock.systemUTC());
    }

    NotificationDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings,
                           List<ChannelSender> senders, ProviderRateLimits rateLimits, SmsOptOuts optOuts, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.rateLimits = rateLimits;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    /** SMTP is configured by URL, so its sender exists only when the URL is set. */
    private static List<ChannelSender> withSmtp(List<ChannelSender> senders, NotifySettings settings) {
        if (!settings.smtpConfigured()) {
            return senders;
        }
        List<ChannelSender> all = new java.util.ArrayList<>(senders);
        all.add(new SmtpSender(settings.smtpUrl(), settings.from(), settings.fromName()));
        return all;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayHowNotificationsAreSent() {
        for (String channel : List.of(Outbox.EMAIL, Outbox.SMS, Outbox.VOICE)) {
            long queued = jdbc.sql("select count(*) from notification where status = 'QUEUED' and channel = ?")
                    .param(channel).query(Long.class).single();
            ChannelSender sender = senders.get(channel);
            String missing = sender == null ? (Outbox.EMAIL.equals(channel) ? "hub.notify.smtp-url (HUB_SMTP_URL) is not set" : "no sender")
                    : sender.notConfiguredReason();
            if (missing != null) {
                log.warn("{} notifications are kept QUEUED in the outbox ({} now) and sent once configured: {}", channel, queued, missing);
            } else {
                log.info("{} notifications go out through {} ({} queued)", channel, sender.describe(), queued);
            }
        }
    }

    /** Sends up to hub.notify.batch-size due rows of the channel; returns how many were sent. */
    public int dispatchDue(String channel) {
        markStaleSendingUncertain();
        ChannelSender sender = senders.get(channel);
        if (sender == null || sender.notConfiguredReason() != null) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            if (!rateLimits.tryAcquire(sender.provider())) {
                break;
            }
            Optional<Claimed> claimed = tx.execute(s -> claim(channel));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            if (claimed.get().sendIt() && send(sender, claimed.get().notification())) {
                sent++;
            }
        }
        return sent;
    }

    /** A claimed row; {@code sendIt} false when it was SUPPRESSED instead (the number opted out meanwhile). */
    private record Claimed(ChannelSender.PendingNotification notification, boolean sendIt) {
    }

    /** Step 1, in its own transaction: one due row, marked SENDING (or SUPPRESSED). */
    private Optional<Claimed> claim(String channel) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<ChannelSender.PendingNotification> row = jdbc.sql("""
                        select id, recipient, template, subject, body, rfc_message_id, in_reply_to, language, attempts
                        from notification
                        where status = 'QUEUED' and channel = :channel and next_attempt_at <= :now
                        order by next_attempt_at, id
                        limit 1
                        for update skip locked""")
                .param("now", now)
                .param("channel", channel)
                .query((rs, n) -> new ChannelSender.PendingNotification(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)))
                .optional();
        return row.map(r -> {
            if (Outbox.SMS.equals(channel) && optOuts.isOptedOut(r.recipient())) {
                jdbc.sql("update notification set status = 'SUPPRESSED', last_error = ? where id = ?")
                        .params("the number opted out of SMS (STOP) before it was sent", r.id()).update();
                log.info("notification {} to {} suppressed: the number opted out", r.id(), r.recipient());
                return new Claimed(r, false);
            }
            jdbc.sql("update notification set status = 'SENDING', sending_since = ? where id = ?").params(now, r.id()).update();
            return new Claimed(r, true);
        });
    }

    /** Steps 2 and 3. */
    private boolean send(ChannelSender sender, ChannelSender.PendingNotification n) {
        String providerId;
        try {
            providerId = sender.send(n);
        } catch (ChannelSender.SendFailure e) {
            recordFailure(n, e);
            return false;
        } catch (RuntimeException e) {
            recordFailure(n, new ChannelSender.SendFailure(e.toString(), true, e));
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // The provider's delivery report may already have arrived and recorded the id: keep its status.
        jdbc.sql("""
                        update notification set status = 'SENT', sent_at = :now, provider_id = :provider, last_error = null,
                            sending_since = null, attempts = attempts + 1
                        where id = :id and status in ('SENDING', 'UNCERTAIN', 'SENT')""")
                .param("now", now).param("provider", providerId).param("id", n.id()).update();
        log.info("notification {} ({}) sent to {} on {}: {}", n.id(), n.template(), n.recipient(), sender.channel(), providerId);
        return true;
    }

    private void recordFailure(ChannelSender.PendingNotification n, ChannelSender.SendFailure e) {
        int attempts = n.attempts() + 1;
        boolean failed = !e.retryable() || attempts >= settings.maxAttempts();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        update notification set last_error = :error, status = :status, next_attempt_at = :next,
                            sending_since = null, attempts = :attempts
                        where id = :id and status = 'SENDING'""")
                .param("error", e.getMessage())
                .param("status", failed ? "FAILED" : "QUEUED")
                .param("next", now.plus(backoff(attempts)))
                .param("attempts", attempts)
                .param("id", n.id())
                .update();
        log.warn("notification {} to {}: attempt {} of {} failed{}: {}", n.id(), n.recipient(), attempts, settings.maxAttempts(),
                failed ? " (FAILED" + (e.retryable() ? ", no more attempts)" : ", the provider refused it)")
                        : ", retrying in " + backoff(attempts), e.getMessage());
    }

    /** Rows left SENDING by a hub that stopped mid-send: never resent automatically. */
    int markStaleSendingUncertain() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(settings.sendingStaleAfter());
        int n = jdbc.sql("""
                        update notification set status = 'UNCERTAIN', last_error = 'the hub stopped while handing this to the '
                            || 'provider; it may or may not have been delivered. Check with the customer, then replay it if needed.'
                        where status = 'SENDING' and sending_since < ?""")
                .param(before).update();
        if (n > 0) {
            log.warn("{} notification(s) were being sent when the hub stopped; marked UNCERTAIN, not sent again", n);
        }
        return n;
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
