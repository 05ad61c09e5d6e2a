package io.contacthub.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Commits a webhook's message whatever state the routes are in. Twilio retries a failed webhook
 * only when its URL asks for it, otherwise the text, voicemail or fax is gone: so while the node
 * starts or stops, the raw message is committed straight through the receive stage (all it needs is
 * the database) and waits RECEIVED for the routes — start-up recovery or the sweeper queues it.
 * While the routes run it takes its channel route as always. Only a failed commit is an error.
 */
@Component
public class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ReceiveStage receive;

    WebhookIntake(CamelContext camel, ProducerTemplate producer, ReceiveStage receive) {
        this.camel = camel;
        this.producer = producer;
        this.receive = receive;
    }

    /**
     * @param channelRoute the channel's route, e.g. {@code direct:sms-in}, used while routes run
     * @throws RuntimeException when the message could not be committed (the webhook must not be answered 2xx)
     */
    public void commit(String channelRoute, InboundMessage message) {
        if (camel.getStatus().isStarted()) {
            try {
                producer.sendBody(channelRoute, message); // returns after the commit
                return;
            } catch (RuntimeException e) {
                if (camel.getStatus().isStarted()) {
                    throw e;
                }
                // Camel began stopping under us: commit directly (a repeat of a committed key changes nothing).
            }
        }
        Receipt receipt = receive.receive(message);
        log.info("message {} ({} {}) committed while Camel is {}: it is processed once the routes run",
                receipt.messageId(), message.channel(), message.externalId(), camel.getStatus());
    }
}
