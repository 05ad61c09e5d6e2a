package io.contacthub.intake;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands committed message ids to the processing stage through its Camel endpoint (in-process
 * {@code seda:} on one node; a broker endpoint when scaled out).
 */
@Component
public class IntakeQueue {

    private final ProducerTemplate producer;
    private final String endpoint;

    IntakeQueue(ProducerTemplate producer, IntakeProperties intake) {
        this.producer = producer;
        this.endpoint = intake.processEndpoint();
    }

    public void enqueue(long messageId) {
        producer.sendBody(endpoint, new Receipt(messageId, false, MessageStatus.RECEIVED));
    }
}
