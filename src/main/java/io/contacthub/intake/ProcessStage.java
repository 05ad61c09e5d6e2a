package io.contacthub.intake;

import io.contacthub.intake.filter.InboundFilter;
import io.contacthub.understand.UnderstandStage;
import io.contacthub.understand.Understanding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns one committed message into a contact on a ticket: parse (by channel), filter,
 * understand, then identify + thread + record in one transaction. Any failure settles the message
 * as FAILED with its reason; the raw original stays.
 */
@Component("processStage")
public class ProcessStage {

    private static final Logger log = LoggerFactory.getLogger(ProcessStage.class);

    private final MessageStore store;
    private final Map<String, MessageParser> parsers;
    private final List<InboundFilter> filters;
    private final UnderstandStage understand;
    private final ContactWriter writer;
    private final MeterRegistry meters;
    private final long maxMessageBytes;

    ProcessStage(MessageStore store, List<MessageParser> parsers, List<InboundFilter> filters,
                 UnderstandStage understand, ContactWriter writer, MeterRegistry meters,
                 @Value("${hub.intake.max-message-bytes}") long maxMessageBytes) {
        this.meters = meters;
        this.maxMessageBytes = maxMessageBytes;
        this.store = store;
        this.parsers = parsers.stream().collect(Collectors.toMap(MessageParser::channel, Function.identity()));
        this.filters = filters;
        this.understand = understand;
        this.writer = writer;
    }

    public Optional<Outcome> process(long messageId) {
        Optional<StoredMessage> loaded = store.load(messageId);
        if (loaded.isEmpty() || loaded.get().status() != MessageStatus.RECEIVED) {
            return Optional.empty();
        }
        StoredMessage message = loaded.get();
        try {
            // Checked here, not at receive, so a replay after the limit was raised goes through.
            if (message.raw().length > maxMessageBytes) {
                throw new UnreadableMessageException("message is " + message.raw().length + " bytes, over the limit of "
                        + maxMessageBytes + " bytes (hub.intake.max-message-bytes); kept unprocessed");
            }
            MessageParser parser = parsers.get(message.channel());
            if (parser == null) {
                throw new UnreadableMessageException("no parser for channel " + message.channel());
            }
            ParsedContent content = parser.parse(message);
            Optional<String> ignore = filters.stream().map(f -> f.reasonToIgnore(content))
                    .flatMap(Optional::stream).findFirst();
            Understanding understanding = understand.understand(content.searchableText(), content.declaredFields());
            Optional<Outcome> outcome = writer.write(message, content, understanding, ignore);
            outcome.ifPresent(o -> settled(message, o.status()));
            outcome.ifPresent(o -> log.info("message {} ({} {}) {}: {}{}", o.messageId(), message.channel(),
                    message.externalId(), o.status(), o.ticketRef() == null ? "no ticket" : o.ticketRef(),
                    o.note() == null ? "" : " (" + o.note() + ")"));
            return outcome;
        } catch (RuntimeException e) {
            String reason = reasonOf(e);
            log.warn("message {} ({} {}) FAILED: {}", message.id(), message.channel(), message.externalId(), reason,
                    e instanceof UnreadableMessageException ? null : e);
            store.markFailed(message.id(), reason);
            settled(message, MessageStatus.FAILED);
            return Optional.of(new Outcome(message.id(), MessageStatus.FAILED, null, false, reason));
        }
    }

    /** hub_intake_messages_total{channel,status} and hub_intake_receive_to_settle_seconds{channel}. */
    private void settled(StoredMessage message, MessageStatus status) {
        meters.counter("hub.intake.messages", "channel", message.channel(), "status", status.name()).increment();
        if (message.receivedAt() != null) {
            Timer.builder("hub.intake.receive.to.settle").tag("channel", message.channel())
                    .publishPercentiles(0.5, 0.99).register(meters)
                    .record(Duration.between(message.receivedAt(), OffsetDateTime.now()));
        }
    }

    private static String reasonOf(RuntimeException e) {
        if (e instanceof UnreadableMessageException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "processing error: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
