package io.contacthub.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The single entry point of every channel. It commits the raw message under its
 * {@code (channel, external_id)} key and returns only after the commit, so the route may then
 * acknowledge the source. A redelivery finds the existing row and changes nothing, except that a
 * message still RECEIVED is handed to processing again.
 */
@Component("receiveStage")
public class ReceiveStage {

    private static final Logger log = LoggerFactory.getLogger(ReceiveStage.class);

    private final JdbcClient jdbc;
    private final MessageStore store;

    public ReceiveStage(JdbcClient jdbc, MessageStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    public Receipt receive(InboundMessage message) {
        return receive(message, false);
    }

    /**
     * @param reserveTicket also reserve the ticket reference the message will have (a channel that
     *                      answers before processing, and tells the sender that reference)
     */
    public Receipt receive(InboundMessage message, Boolean reserveTicket) {
        boolean reserve = Boolean.TRUE.equals(reserveTicket);
        Receipt stored = jdbc.sql("""
                        insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size,
                                                     reserved_ticket_id)
                        values (:channel, :externalId, :source, :sender, :contentType, :raw, :size,
                                case when :reserve then nextval('ticket_id_seq') end)
                        on conflict (channel, external_id) do nothing
                        returning id, reserved_ticket_id""")
                .param("channel", message.channel())
                .param("externalId", truncate(message.externalId(), 998))
                .param("source", message.source())
                .param("sender", truncate(message.sender(), 998))
                .param("contentType", message.contentType())
                .param("raw", message.raw())
                .param("size", message.raw().length)
                .param("reserve", reserve)
                .query((rs, n) -> new Receipt(rs.getLong(1), false, MessageStatus.RECEIVED, reservedRef(rs.getObject(2))))
                .optional()
                .orElse(null);
        if (stored != null) {
            log.debug("message {} received ({} {})", stored.messageId(), message.channel(), message.externalId());
            return stored;
        }
        Receipt known = jdbc.sql("select id, status, reserved_ticket_id from inbound_message where channel = ? and external_id = ?")
                .params(message.channel(), truncate(message.externalId(), 998))
                .query((rs, n) -> new Receipt(rs.getLong(1), true, MessageStatus.valueOf(rs.getString(2)),
                        reservedRef(rs.getObject(3))))
                .single();
        if (known.status() == MessageStatus.RECEIVED) {
            // Still unsettled: the source had no answer, and perhaps the hand-over to processing was lost too.
            store.markQueued(java.util.List.of(known.messageId()));
            log.info("message {} redelivered ({} {}) while still RECEIVED: queued again", known.messageId(),
                    message.channel(), message.externalId());
        } else {
            log.info("message {} redelivered ({} {}): nothing to do", known.messageId(), message.channel(), message.externalId());
        }
        return known;
    }

    private static String reservedRef(Object reservedTicketId) {
        return reservedTicketId == null ? null : io.contacthub.ticket.TicketReference.of(((Number) reservedTicketId).longValue());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
