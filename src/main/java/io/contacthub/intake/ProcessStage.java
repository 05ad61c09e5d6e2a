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
import org.springframework.stereotype.Component;

/**
 * Turns one committed message into a contact on a ticket: parse (by channel), filter,
 * understand, then identify + thread + record in one transaction. Each attempt is counted in the
 * database before any work starts. An exception settles the message as FAILED with its reason at
 * once (the raw original stays; staff can replay it); an Error (stack or memory exhausted) may pass,
 * so the message is left for another attempt, and after {@code hub.intake.max-attempts} it is FAILED
 * "gave up after N attempts: <reason>".
 */
@Component("processStage")
public class ProcessStage {

    private static final Logger log = LoggerFactory.getLogger(ProcessStage.class);

    private final MessageStore store;
    private final Map<String, MessageParser> parsers;
    private final List<InboundFilter> filters;
    private final Map<String, InboundFilter> channelFilters;
    private final io.contacthub.descriptor.ChannelCatalog channels;
    private final UnderstandStage understand;
    private final ContactWriter writer;
    private final MeterRegistry meters;
    private final long maxMessageBytes;
    private final IntakeProperties attempts;
    private final InFlightAttempts inFlight;

    ProcessStage(MessageStore store, List<MessageParser> parsers, List<InboundFilter> filters,
                 UnderstandStage understand, ContactWriter writer, MeterRegistry meters,
                 IntakeProperties attempts, InFlightAttempts inFlight, io.contacthub.descriptor.ChannelCatalog channels) {
        this.channels = channels;
        this.channelFilters = filters.stream().filter(f -> !f.general())
                .collect(Collectors.toMap(InboundFilter::name, Function.identity()));
        for (var d : channels.all()) {
            for (String name : d.filters()) {
                if (!channelFilters.containsKey(name)) {
                    throw new IllegalStateException("channel " + d.name() + " names inbound filter " + name
                            + ", which no bean provides (channel filters: " + channelFilters.keySet() + ")");
                }
            }
        }
        this.meters = meters;
        this.maxMessageBytes = attempts.maxMessageBytes().toBytes();
        this.store = store;
        this.parsers = parsers.stream().collect(Collectors.toMap(MessageParser::channel, Function.identity()));
        this.filters = filters.stream().filter(InboundFilter::general).toList();
        this.understand = understand;
        this.writer = writer;
        this.attempts = attempts;
        this.inFlight = inFlight;
    }

    /** @return how the message was settled (RECEIVED when left for another attempt), or empty when there was nothing to do */
    public Optional<Outcome> process(long messageId) {
        MessageStore.Claim claim = store.claim(messageId, attempts.maxAttempts(), attempts.stuckAfter());
        if (claim.kind() == MessageStore.Claim.Kind.GAVE_UP) {
            log.warn("message {} ({} {}) FAILED: {}", messageId, claim.channel(), claim.externalId(), claim.reason());
            settled(claim.channel(), claim.receivedAt(), MessageStatus.FAILED);
            return Optional.of(new Outcome(messageId, MessageStatus.FAILED, null, false, claim.reason()));
        }
        if (claim.kind() != MessageStore.Claim.Kind.STARTED) {
            return Optional.empty(); // settled already, or an attempt elsewhere is alive
        }
        InFlightAttempts.Attempt running = inFlight.start(messageId, claim.attempt());
        try {
            return Optional.ofNullable(attempt(messageId, claim));
        } catch (Exception e) {
            String reason = reasonOf(e);
            if (!store.markFailed(messageId, claim.attempt(), reason)) {
                log.info("message {} attempt {} ended in \"{}\" after a newer attempt took over (it had timed out): nothing changed",
                        messageId, claim.attempt(), reason);
                return Optional.empty();
            }
            log.warn("message {} ({} {}) FAILED: {}", messageId, claim.channel(), claim.externalId(), reason,
                    e instanceof UnreadableMessageException ? null : e);
            settled(claim.channel(), claim.receivedAt(), MessageStatus.FAILED);
            return Optional.of(new Outcome(messageId, MessageStatus.FAILED, null, false, reason));
        } catch (Throwable e) {
            return Optional.of(afterError(claim, e));
        } finally {
            inFlight.finish(running);
        }
    }

    private Outcome attempt(long messageId, MessageStore.Claim claim) {
        StoredMessage message = store.load(messageId).orElseThrow(() -> new IllegalStateException("message " + messageId + " is gone"));
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
        Optional<String> ignore = filtersFor(message.channel()).stream().map(f -> f.reasonToIgnore(content))
                .flatMap(Optional::stream).findFirst();
        Understanding understanding = understand.understand(content.searchableText(), content.declaredFields());
        if (understanding.truncated()) {
            log.info("message {} ({} {}): {} characters of text, only the first {} read for entities and intent"
                     + " (hub.understand.max-scanned-chars); all of it is kept", message.id(), message.channel(),
                    message.externalId(), understanding.textChars(), understanding.scannedChars());
        }
        Optional<Outcome> outcome = writer.write(message, content, understanding, ignore);
        outcome.ifPresent(o -> settled(message.channel(), message.receivedAt(), o.status()));
        outcome.ifPresent(o -> log.info("message {} ({} {}) {}: {}{}", o.messageId(), message.channel(),
                message.externalId(), o.status(), o.ticketRef() == null ? "no ticket" : o.ticketRef(),
                o.note() == null ? "" : " (" + o.note() + ")"));
        return outcome.orElse(null);
    }

    private List<InboundFilter> filtersFor(String channel) {
        List<String> own = channels.find(channel).map(d -> d.filters()).orElse(List.of());
        if (own.isEmpty()) {
            return filters;
        }
        List<InboundFilter> all = new java.util.ArrayList<>(filters);
        own.forEach(name -> all.add(channelFilters.get(name)));
        return all;
    }

    /**
     * An Error escaped the attempt. It may not happen again (memory was short, another message's
     * load), so the message gets another attempt, later, from the sweeper — unless this was its last.
     */
    private Outcome afterError(MessageStore.Claim claim, Throwable error) {
        long id = claim.messageId();
        String reason = reasonOf(error);
        try {
            String gaveUp = "gave up after " + claim.attempt() + " attempts: " + reason;
            boolean last = claim.attempt() >= attempts.maxAttempts();
            if (last && store.markFailed(id, claim.attempt(), gaveUp)) {
                log.error("message {} ({} {}) FAILED: {}", id, claim.channel(), claim.externalId(), gaveUp, error);
                settled(claim.channel(), claim.receivedAt(), MessageStatus.FAILED);
                return new Outcome(id, MessageStatus.FAILED, null, false, gaveUp);
            } else if (!last && store.attemptFailed(id, claim.attempt(), reason)) {
                log.error("message {} ({} {}) attempt {} of {} failed, tried again after {} (hub.intake.stuck-after): {}", id,
                        claim.channel(), claim.externalId(), claim.attempt(), attempts.maxAttempts(), attempts.stuckAfter(),
                        reason, error);
            } else {
                log.info("message {} attempt {} ended in \"{}\" after a newer attempt took over: nothing changed", id,
                        claim.attempt(), reason);
            }
        } catch (Throwable recording) {
            // Out of memory again, or the database is away: the attempt is counted, and its heartbeat
            // stops, so the sweeper takes the message up after stuck-after all the same.
            log.error("message {}: could not record the failed attempt {}: {}", id, claim.attempt(), recording.toString());
        }
        return new Outcome(id, MessageStatus.RECEIVED, null, false, "attempt " + claim.attempt() + " failed: " + reason);
    }

    /** hub_intake_messages_total{channel,status} and hub_intake_receive_to_settle_seconds{channel}. */
    private void settled(String channel, OffsetDateTime receivedAt, MessageStatus status) {
        meters.counter("hub.intake.messages", "channel", channel, "status", status.name()).increment();
        if (receivedAt != null) {
            Timer.builder("hub.intake.receive.to.settle").tag("channel", channel)
                    .publishPercentiles(0.5, 0.99).register(meters)
                    .record(Duration.between(receivedAt, OffsetDateTime.now()));
        }
    }

    private static String reasonOf(Throwable e) {
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
