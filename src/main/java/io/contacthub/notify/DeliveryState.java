package io.contacthub.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which outbound channels cannot send because their provider is not configured (no SMTP URL, no Twilio
 * credentials or sending number), and how many notifications wait on each: they stay QUEUED and go out once it
 * is configured. The console shows this instead of a queue of replies that look sent.
 */
@Component("deliveryState")
public class DeliveryState {

    private final NotificationDispatcher dispatcher;
    private final JdbcClient jdbc;

    DeliveryState(NotificationDispatcher dispatcher, JdbcClient jdbc) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
    }

    /**
     * @param reason  the setting that is missing, for administrators (in the log's words)
     * @param waiting QUEUED notifications on the channel
     */
    public record Unconfigured(String channel, String reason, long waiting) {
    }

    /** Every channel that cannot send, in the order e-mail, SMS, calls, then the ones channels add. */
    public List<Unconfigured> unconfigured() {
        Map<String, Long> queued = new HashMap<>();
        jdbc.sql("select channel, count(*) from notification where status = 'QUEUED' group by channel")
                .query((rs, n) -> queued.put(rs.getString(1), rs.getLong(2))).list();
        List<Unconfigured> list = new ArrayList<>();
        for (String channel : dispatcher.channels()) {
            dispatcher.notConfigured(channel)
                    .ifPresent(reason -> list.add(new Unconfigured(channel, reason, queued.getOrDefault(channel, 0L))));
        }
        return list;
    }

    /** The tickets with the most recent notifications waiting on the channel, newest first. */
    public List<String> waitingTickets(String channel, int limit) {
        return jdbc.sql("""
                        select t.ref from notification n join ticket t on t.id = n.ticket_id
                        where n.status = 'QUEUED' and n.channel = ? group by t.ref order by max(n.id) desc limit ?""")
                .params(channel, Math.max(1, Math.min(limit, 50))).query(String.class).list();
    }

    /** Why notifications on the channel wait, or empty when it can send. */
    public Optional<String> notConfigured(String channel) {
        return dispatcher.notConfigured(channel);
    }
}
