package io.contacthub.intake;

import io.contacthub.cluster.NodeRoles;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;

/**
 * Hands committed message ids to the processing stage: through its Camel endpoint on one node (in-process
 * {@code seda:}, bounded), through Kafka in a cluster ({@link BrokerHandOff}, never waiting for the broker).
 */
@Component
public class IntakeQueue {

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final String endpoint;
    private final BacklogFeeder backlog;
    private final NodeRoles node;
    private final BrokerHandOff broker;
    private final StageTopics topics;
    /** Resolved once: resolving the URI on every hand-off normalises it again each time. */
    private volatile Endpoint target;

    IntakeQueue(ProducerTemplate producer, CamelContext camel, IntakeProperties intake, BacklogFeeder backlog,
                NodeRoles node, BrokerHandOff broker, StageTopics topics) {
        this.node = node;
        this.broker = broker;
        this.topics = topics;
        this.producer = producer;
        this.camel = camel;
        this.endpoint = intake.processEndpoint();
        this.backlog = backlog;
    }

    /** Queues the message, waiting while the queue is full (back-pressure on the source). */
    public void enqueue(long messageId) {
        if (node.clustered()) {
            broker.publish(messageId);
        } else {
            producer.sendBody(target(), new Receipt(messageId, false, MessageStatus.RECEIVED));
        }
    }

    /**
     * Whether a channel that asked to have its message processed in the caller's thread gets that: always on
     * one node; in a cluster only for text (a web form waiting for its answer), never for a fax or a
     * recording, whose OCR or speech work belongs to the nodes that do it.
     */
    public boolean processesInline(Receipt receipt, Boolean requested) {
        if (!Boolean.TRUE.equals(requested)) {
            return false;
        }
        if (!node.clustered()) {
            return true;
        }
        return topics.addressOf(receipt.messageId()).map(a -> a.stage() == StageTopics.Stage.PROCESSING).orElse(true);
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
        if (!node.clustered() && target() instanceof SedaEndpoint seda) {
            return seda.getQueue().remainingCapacity();
        }
        return Integer.MAX_VALUE;
    }
}
