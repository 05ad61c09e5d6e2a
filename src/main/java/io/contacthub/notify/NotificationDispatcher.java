package io.contacthub.notify;

import io.contacthub.customer.SmsOptOuts;
import io.contacthub.deferred.RetryPolicy;
import io.contacthub.deferred.StaleClaims;
import io.contacthub.deferred.WorkQueue;
import java.time.Clock;
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

/**
 * Sends due outbox rows, one channel per call (each channel's route under routes/outbound calls
 * {@link #dispatchDue(String)} on its own timer), on the hub's claim-and-retry protocol
 * ({@link WorkQueue}).
 *
 * <p>Each row goes through three steps: (1) claim it with {@code SELECT ... FOR UPDATE SKIP LOCKED},
 * mark it SENDING (the attempt counted) and commit — so two hub instances never take the same row;
 * (2) hand it to the provider; (3) record SENT with the provider's id, or the failure. A row found
 * SENDING for longer than {@code hub.notify.sending-stale-after} belongs to a hub that stopped
 * between (1) and (3): the provider may or may not have it, and sending it again could text or mail
 * the customer twice, so it becomes UNCERTAIN for staff to check and replay, unless the provider's
 * delivery report names it first (then it is SENT). That is how a restart never sends one
 * notification twice.
 *
 * <p>A retryable failure waits {@code min(2^attempts s, hub.notify.max-backoff)} and is tried again
 * until {@code hub.notify.give-up-after} after the row was queued (and, only when it is set, at most
 * {@code hub.notify.max-attempts} times): an SMTP or Twilio outage shorter than that loses no
 * notification. A permanent refusal (invalid number, 4xx) is FAILED at once. A channel whose
 * provider is not configured keeps its rows QUEUED and says so at start-up. An SMS to a number that
 * opted out after the row was queued is SUPPRESSED, not sent.
 */
@Component("notificationDispatcher")
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final WorkQueue.Table TABLE = new WorkQueue.Table("notification", "channel",
            "coalesce(replayed_at, created_at)"); // staff sending a FAILED one again starts a new round of attempts
    static final String CUT_OFF = "the hub stopped while handing this to the provider; it may or may not have been "
            + "delivered. Check with the customer, then replay it if needed.";

    private final JdbcClient jdbc;
    private final WorkQueue queue;
    private final RetryPolicy policy;
    private final NotifySettings settings;
    private final Map<String, ChannelSender> senders;
    private final ProviderRateLimits rateLimits;
    private final SmsOptOuts optOuts;

    @Autowired
    NotificationDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings,
                           List<ChannelSender> senders, ProviderRateLimits rateLimits, SmsOptOuts optOuts) {
        this(jdbc, transactions, settings, withSmtp(senders, settings), rateLimits, optOuts, Clock.systemUTC());
    }

    NotificationDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, NotifySettings settings,
                           List<ChannelSender> senders, ProviderRateLimits rateLimits, SmsOptOuts optOuts, Clock clock) {
        this.jdbc = jdbc;
        this.queue = new WorkQueue(TABLE, StaleClaims.markUncertain(settings.sendingStaleAfter(), CUT_OFF), jdbc,
                transactions, clock);
        this.policy = settings.retryPolicy();
        this.settings = settings;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.rateLimits = rateLimits;
        this.optOuts = optOuts;
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
        for (String channel : channels()) {
            long queued = jdbc.sql("select count(*) from notification where status = 'QUEUED' and channel = ?")
                    .param(channel).query(Long.class).single();
            Optional<String> missing = notConfigured(channel);
            if (missing.isPresent()) {
                log.warn("{} notifications are kept QUEUED in the outbox ({} now) and sent once configured: {}", channel, queued,
                        missing.get());
            } else {
                log.info("{} notifications go out through {} ({} queued)", channel, senders.get(channel).describe(), queued);
            }
        }
    }

    /** Every outbound channel the hub knows: e-mail, SMS and calls, and each one a channel adds. */
    public java.util.Set<String> channels() {
        java.util.Set<String> channels = new java.util.LinkedHashSet<>(List.of(Outbox.EMAIL, Outbox.SMS, Outbox.VOICE));
        channels.addAll(senders.keySet());
        return channels;
    }

    /** Why the channel's notifications cannot go out (they stay QUEUED), or empty when its provider is configured. */
    public Optional<String> notConfigured(String channel) {
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            return Optional.of(Outbox.EMAIL.equals(channel) ? "hub.notify.smtp-url (HUB_SMTP_URL) is not set" : "no sender");
        }
        return Optional.ofNullable(sender.notConfiguredReason());
    }

    /** Sends up to hub.notify.batch-size due rows of the channel; returns how many were sent. */
    public int dispatchDue(String channel) {
        markStaleSendingUncertain(channel);
        ChannelSender sender = senders.get(channel);
        if (notConfigured(channel).isPresent()) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            if (!rateLimits.tryAcquire(sender.provider())) {
                break;
            }
            Optional<WorkQueue.Claim<ChannelSender.PendingNotification>> claimed = queue.claimNext(channel, id -> load(channel, id));
            if (claimed.isEmpty()) {
                break;
            }
            if (claimed.get().taken() && send(sender, claimed.get())) {
                sent++;
            }
        }
        return sent;
    }

    /** In the claim transaction, the row locked: the notification to send, or null when it is SUPPRESSED instead. */
    private ChannelSender.PendingNotification load(String channel, long id) {
        ChannelSender.PendingNotification n = jdbc.sql("""
                        select n.id, n.recipient, n.template, n.subject, n.body, n.rfc_message_id, n.in_reply_to, n.language,
                               n.attempts, n.recipient_kind, t.ref
                        from notification n left join ticket t on t.id = n.ticket_id where n.id = ?""")
                .param(id)
                .query((rs, i) -> new ChannelSender.PendingNotification(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getString(10), rs.getString(11)))
                .single();
        if (Outbox.SMS.equals(channel) && optOuts.isOptedOut(n.recipient())) {
            jdbc.sql("update notification set status = 'SUPPRESSED', last_error = ? where id = ?")
                    .params("the number opted out of SMS (STOP) before it was sent", id).update();
            log.info("notification {} to {} suppressed: the number opted out", id, n.recipient());
            return null;
        }
        return n;
    }

    /** Steps 2 and 3. */
    private boolean send(ChannelSender sender, WorkQueue.Claim<ChannelSender.PendingNotification> claim) {
        ChannelSender.PendingNotification n = claim.item();
        String providerId;
        try {
            providerId = sender.send(n);
        } catch (ChannelSender.SendFailure e) {
            recordFailure(claim, e);
            return false;
        } catch (RuntimeException e) {
            recordFailure(claim, new ChannelSender.SendFailure(e.toString(), true, e));
            return false;
        }
        // The provider's delivery report may already have arrived and recorded the id: keep its status.
        jdbc.sql("""
                        update notification set status = 'SENT', sent_at = :now, provider_id = :provider, last_error = null,
                            sending_since = null
                        where id = :id and status in ('SENDING', 'UNCERTAIN', 'SENT')""")
                .param("now", queue.now()).param("provider", providerId).param("id", n.id()).update();
        log.info("notification {} ({}) sent to {} on {} at attempt {}: {}", n.id(), n.template(), n.recipient(), sender.channel(),
                claim.attempt(), providerId);
        return true;
    }

    private void recordFailure(WorkQueue.Claim<ChannelSender.PendingNotification> claim, ChannelSender.SendFailure e) {
        ChannelSender.PendingNotification n = claim.item();
        RetryPolicy.Decision next = queue.afterFailure(claim, e.getMessage(), e.retryable(), policy, null);
        if (next.retries()) {
            log.warn("notification {} to {}: attempt {} failed, retrying in {}: {}", n.id(), n.recipient(), claim.attempt(),
                    next.delay(), e.getMessage());
        } else {
            log.warn("notification {} to {}: attempt {} failed, FAILED ({}): {}", n.id(), n.recipient(), claim.attempt(),
                    e.retryable() ? next.gaveUp() : "the provider refused it", e.getMessage());
        }
    }

    /** Rows left SENDING by a hub that stopped mid-send: never resent automatically. */
    int markStaleSendingUncertain(String channel) {
        int n = queue.recoverStaleClaims(channel);
        if (n > 0) {
            log.warn("{} {} notification(s) were being sent when the hub stopped; marked UNCERTAIN, not sent again", n, channel);
        }
        return n;
    }
}
