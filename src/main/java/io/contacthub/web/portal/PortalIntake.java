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
        return send(mapper.toInbound(request, key(formToken), clientAddress));
    }

    /** A signed-in member's message: it is theirs because the session says so, not because of what it claims. */
    Optional<MessageQueries.MessageView> submitAsMember(WebMessageRequest request, String formToken, String clientAddress,
                                                        long customerId) {
        return send(mapper.toMemberInbound(request, key(formToken), clientAddress, customerId));
    }

    private Optional<MessageQueries.MessageView> send(InboundMessage inbound) {
        if (!camel.getStatus().isStarted()) {
            return Optional.empty();
        }
        producer.sendBodyAndHeader("direct:web-in", inbound, "hubProcessInline", true);
        return messages.findByExternalId(inbound.channel(), inbound.externalId());
    }

    private static String key(String formToken) {
        return formToken == null || !formToken.matches("[A-Za-z0-9-]{16,64}") ? null : "portal-" + formToken;
    }
}
