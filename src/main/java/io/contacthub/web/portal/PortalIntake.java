package io.contacthub.web.portal;

import io.contacthub.channel.web.WebMessageMapper;
import io.contacthub.channel.web.WebMessageRequest;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Portal messages take the web channel's own way in ({@code direct:web-in}, processed in the
 * request thread), exactly like {@code POST /api/messages}: stored raw first, then threaded into a
 * ticket by the core. The form's one-time token is the idempotency key, so a double click is one message.
 */
@Component
class PortalIntake {

    private final WebMessageMapper mapper;
    private final ProducerTemplate producer;
    private final MessageQueries messages;
    private final CamelContext camel;

    PortalIntake(WebMessageMapper mapper, ProducerTemplate producer, MessageQueries messages, CamelContext camel) {
        this.mapper = mapper;
        this.producer = producer;
        this.messages = messages;
        this.camel = camel;
    }

    /** @return the stored message (with its ticket once processed), or empty while the hub is not running its routes */
    Optional<MessageQueries.MessageView> submit(WebMessageRequest request, String formToken, String clientAddress) {
        if (!camel.getStatus().isStarted()) {
            return Optional.empty();
        }
        String key = formToken == null || !formToken.matches("[A-Za-z0-9-]{16,64}") ? null : "portal-" + formToken;
        InboundMessage inbound = mapper.toInbound(request, key, clientAddress);
        producer.sendBody("direct:web-in", inbound);
        return messages.findByExternalId(inbound.channel(), inbound.externalId());
    }
}
