package io.contacthub.channel.email;

import io.contacthub.intake.SourceHealth;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.RouteAware;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every poll of every mailbox, empty or not, in the intake health: a mailbox that can no
 * longer be reached (server down, password changed) shows its error in /actuator/health and turns
 * the hub DEGRADED, instead of going silent. Tells the mailbox's {@link MailboxCursor} when a poll
 * begins.
 */
@Component("mailboxPollStrategy")
class MailboxPollStrategy implements PollingConsumerPollStrategy {

    private static final Logger log = LoggerFactory.getLogger(MailboxPollStrategy.class);

    private final SourceHealth health;
    private final MailboxUids uids;

    MailboxPollStrategy(SourceHealth health, MailboxUids uids) {
        this.health = health;
        this.uids = uids;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        uids.cursor(mailbox(consumer)).ifPresent(MailboxCursor::beginPoll);
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        health.succeeded(source(consumer));
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String source = source(consumer);
        health.failed(source, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        log.warn("{}: poll failed, will try again at the next poll: {}", source, cause.toString());
        return false;
    }

    private static String source(Consumer consumer) {
        return "mailbox:" + mailbox(consumer);
    }

    private static String mailbox(Consumer consumer) {
        Route route = consumer instanceof RouteAware aware ? aware.getRoute() : null;
        String routeId = route == null ? "unknown" : route.getRouteId();
        return routeId.startsWith("mailbox-") ? routeId.substring("mailbox-".length()) : routeId;
    }
}
