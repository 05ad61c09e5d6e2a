package io.contacthub.satisfaction;

import io.contacthub.notify.CustomerNotifications;
import io.contacthub.notify.NotificationTemplates;
import io.contacthub.notify.TicketResolved;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks a customer once per ticket how satisfied they are, and keeps their answer.
 * <ul>
 *   <li>Asked when staff resolve the ticket, in the transaction of the change, on the channel the hub writes to the
 *       customer on anyway ({@link CustomerNotifications#channelFor}): an e-mail carries a signed link to the rating
 *       page ({@link SurveyLinks}); a text asks for a reply of 1 to 5; a customer the hub would phone is texted instead
 *       (a spoken survey needs the caller's keypad, which an outgoing notice call does not collect).</li>
 *   <li>Never twice: the survey row is unique per ticket, so resolving, reopening and resolving again asks nothing
 *       more. Never to an opted-out number (the notification rules fall back to e-mail or refuse): a refusal is kept
 *       as NOT_ASKED with its reason.</li>
 *   <li>In the customer's language, as every notification is.</li>
 *   <li>The answer may be changed until the window closes; what the survey keeps beside the score (channel, intent,
 *       agent, class) is as it was at resolution.</li>
 * </ul>
 */
@Component
public class SatisfactionSurveys {

    private static final Logger log = LoggerFactory.getLogger(SatisfactionSurveys.class);

    /** A survey as staff and the rating page see it. */
    public record Survey(long id, long ticketId, String ticketRef, String status, String channel, String recipient,
                         String language, String reason, String agent, String customerClass, OffsetDateTime askedAt,
                         OffsetDateTime expiresAt, Integer score, String comment, OffsetDateTime answeredAt,
                         String answeredBy) {

        public boolean open() {
            return !"NOT_ASKED".equals(status) && expiresAt.isAfter(OffsetDateTime.now());
        }

        public boolean expired() {
            return !"NOT_ASKED".equals(status) && !open();
        }
    }

    /** A rating the page cannot take, with the message key that says why. */
    public static class Refused extends RuntimeException {
        private final String messageKey;

        Refused(String messageKey, String why) {
            super(why);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final JdbcClient jdbc;
    private final CustomerNotifications notifications;
    private final SurveyLinks links;
    private final SurveySettings settings;

    private final TransactionTemplate savepoint;

    SatisfactionSurveys(JdbcClient jdbc, CustomerNotifications notifications, SurveyLinks links, SurveySettings settings,
                        PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.links = links;
        this.settings = settings;
    }

    /**
     * In the resolving transaction, so the survey and its notification commit with the status; under a savepoint, so
     * a survey that cannot be made never stops staff resolving the ticket (it is logged and the ticket has none).
     */
    @EventListener
    void onResolved(TicketResolved resolved) {
        try {
            savepoint.executeWithoutResult(tx -> offer(resolved.ref(), resolved.staff()));
        } catch (RuntimeException e) {
            log.error("no satisfaction survey for {}: {}", resolved.ref(), e.toString(), e);
        }
    }

    /** @return the survey made for this resolution, or empty when the ticket already had one or surveys are off */
    @Transactional
    public Optional<Survey> offer(String ticketRef, String resolvedBy) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<Long> created = jdbc.sql("""
                        insert into satisfaction_survey (ticket_id, customer_id, status, language, ticket_channel, intent, agent,
                                                         customer_class, expires_at)
                        select t.id, t.customer_id, 'NOT_ASKED', coalesce(c.language, 'zh'), t.channel, t.intent,
                               coalesce(t.assignee, :staff), s.class, now() + :window * interval '1 second'
                        from ticket t left join customer c on c.id = t.customer_id
                             left join customer_standing s on s.customer_id = t.customer_id
                        where t.ref = :ref
                        on conflict (ticket_id) do nothing
                        returning id""")
                .param("staff", resolvedBy).param("window", settings.answerWindow().toSeconds()).param("ref", ticketRef)
                .query(Long.class).optional();
        if (created.isEmpty()) {
            return Optional.empty();
        }
        long id = created.get();
        Optional<String> usual = notifications.channelFor(ticketRef);
        if (usual.isEmpty()) {
            notAsked(id, "the customer cannot be reached on any channel");
            return find(id);
        }
        String channel = "VOICE".equals(usual.get()) ? "SMS" : usual.get();
        Map<String, Object> vars = new HashMap<>();
        vars.put("ratingUrl", links.pageUrl(id));
        try {
            notifications.notifyCustomer(ticketRef, "rating", vars, "rating:" + id, channel).ifPresent(q -> {
                String reason = "SUPPRESSED".equals(q.status())
                        ? jdbc.sql("select last_error from notification where id = ?").param(q.notificationId()).query(String.class).single()
                        : null;
                jdbc.sql("""
                                update satisfaction_survey set notification_id = ?, channel = ?, recipient = ?, status = ?, reason = ?,
                                    language = (select n.language from notification n where n.id = ?)
                                where id = ?""")
                        .params(q.notificationId(), q.channel(), q.recipient(), reason == null ? "ASKED" : "NOT_ASKED", reason,
                                q.notificationId(), id).update();
                log.info("satisfaction survey {} for {}: {} on {}{}", id, ticketRef, reason == null ? "asked" : "not asked",
                        q.channel(), reason == null ? "" : " (" + reason + ")");
            });
        } catch (CustomerNotifications.NotDeliverable e) {
            notAsked(id, e.getMessage());
        }
        return find(id);
    }

    /**
     * Records a rating given on the rating page; a later one replaces it while the survey is open, and a blank
     * comment keeps the one given before.
     *
     * @throws Refused for a score outside 1..5, a comment too long, or a survey that is closed or was never asked
     */
    @Transactional
    public Survey answerOnPage(long surveyId, int score, String comment) {
        Survey survey = find(surveyId).orElseThrow(() -> new Refused("rate.unknown", "no survey " + surveyId));
        if (!survey.open()) {
            throw new Refused("rate.closed", "survey " + surveyId + " is closed");
        }
        if (score < 1 || score > 5) {
            throw new Refused("rate.score", "a rating is 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.codePointCount(0, text.length()) > settings.commentMaxChars()) {
            throw new Refused("rate.comment-too-long", "a comment is at most " + settings.commentMaxChars() + " characters");
        }
        jdbc.sql("""
                        update satisfaction_survey set score = ?, comment = coalesce(?, comment), status = 'ANSWERED',
                            answered_at = coalesce(answered_at, now()), answered_by = 'WEB'
                        where id = ?""")
                .params(score, text, surveyId).update();
        return find(surveyId).orElseThrow();
    }

    /**
     * Takes a text as the answer to the survey last texted to its sender, when the text is nothing but a rating
     * ({@link RatingReplies}) and that survey is open. Processing the same message again gives the same answer.
     *
     * @return why the message opens no ticket (it was a rating), or empty when it is an ordinary message
     */
    @Transactional
    public Optional<String> answerBySms(String from, String text, long messageId, OffsetDateTime receivedAt) {
        var score = RatingReplies.score(text);
        if (score.isEmpty() || from == null) {
            return Optional.empty();
        }
        Optional<Long> already = jdbc.sql("select id from satisfaction_survey where answer_message_id = ?").param(messageId)
                .query(Long.class).optional();
        Optional<Long> survey = already.isPresent() ? already : jdbc.sql("""
                        select id from satisfaction_survey
                        where channel = 'SMS' and recipient = ? and status <> 'NOT_ASKED' and asked_at <= ? and expires_at > ?
                        order by asked_at desc, id desc limit 1""")
                .params(from.trim(), receivedAt, receivedAt).query(Long.class).optional();
        if (survey.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("""
                        update satisfaction_survey set score = ?, status = 'ANSWERED', answered_at = coalesce(answered_at, ?),
                            answered_by = 'SMS', answer_message_id = ?
                        where id = ?""")
                .params(score.getAsInt(), receivedAt, messageId, survey.get()).update();
        String ref = find(survey.get()).map(Survey::ticketRef).orElse("?");
        log.info("message {}: satisfaction rating {}/5 for {} (survey {})", messageId, score.getAsInt(), ref, survey.get());
        return Optional.of("satisfaction rating " + score.getAsInt() + "/5 for ticket " + ref + " (survey " + survey.get()
                + "); no ticket");
    }

    public Optional<Survey> find(long surveyId) {
        return query("s.id = ?", surveyId);
    }

    /** The ticket's survey, for its page. */
    public Optional<Survey> forTicket(long ticketId) {
        return query("s.ticket_id = ?", ticketId);
    }

    private Optional<Survey> query(String where, long key) {
        return jdbc.sql("""
                        select s.id, s.ticket_id, t.ref as ticket_ref, s.status, s.channel, s.recipient, s.language, s.reason,
                               s.agent, s.customer_class, s.asked_at, s.expires_at, s.score, s.comment, s.answered_at, s.answered_by
                        from satisfaction_survey s join ticket t on t.id = s.ticket_id where\s""" + where)
                .param(key).query(Survey.class).optional();
    }

    private void notAsked(long id, String why) {
        jdbc.sql("update satisfaction_survey set reason = ? where id = ?").params(why, id).update();
        log.info("satisfaction survey {} not asked: {}", id, why);
    }

    /** The language a survey's page speaks when the customer has not picked one. */
    public static String pageLanguage(Survey survey) {
        return NotificationTemplates.language(survey.language());
    }
}
