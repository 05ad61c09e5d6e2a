package io.contacthub.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;

/**
 * Hands committed message ids to the processing stage through its Camel endpoint (in-process
 * {@code seda:} on one node; a broker endpoint when scaled out).
 */
@Component
public class IntakeQueue {

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final String endpoint;
    private final BacklogFeeder backlog;
    /** Resolved once: resolving the URI on every hand-off normalises it again each time. */
    private volatile Endpoint target;

    IntakeQueue(ProducerTemplate producer, CamelContext camel, IntakeProperties intake, BacklogFeeder backlog) {
        this.producer = producer;
        this.camel = camel;
        this.endpoint = intake.processEndpoint();
        this.backlog = backlog;
    }

    /** Queues the message, waiting while the queue is full (back-pressure on the source). */
    public void enqueue(long messageId) {
        producer.sendBody(target(), new Receipt(messageId, false, MessageStatus.RECEIVED));
    }

    /**
     * Queues the message if the queue has room, and otherwise leaves it where it is already safe,
     * RECEIVED in the database, for the backlog feeder to queue as room frees up. For a caller that
     * must not wait for processing (the web API at a peak): its answer depends on the commit only,
     * and the memory the queue holds stays bounded however long the backlog grows.
     */
    public void offer(Receipt receipt) {
        if (room() > 0) {
            enqueue(receipt.messageId());
        } else {
            backlog.spilled(receipt.messageId());
        }
    }

    private Endpoint target() {
        Endpoint resolved = target;
        if (resolved == null) {
            resolved = camel.getEndpoint(endpoint);
            target = resolved;
        }
        return resolved;
    }

    /** Free places in the in-process queue; unbounded (a broker's) counts as room. */
    int room() {
        if (target() instanceof SedaEndpoint seda) {
            return seda.getQueue().remainingCapacity();
        }
        return Integer.MAX_VALUE;
    }
}
