package io.contacthub.channel.webhook;

import static io.contacthub.channel.webhook.WebhookMessageParserTest.MARKETPLACE;
import static io.contacthub.channel.webhook.WebhookMessageParserTest.bytes;
import static io.contacthub.channel.webhook.WebhookMessageParserTest.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.descriptor.IdentityKind;
import io.contacthub.intake.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook mapper without Spring or Camel: what a verified post is keyed by and who sent it, or why it is refused (400). */
class WebhookMapperTest {

    private static final IdentityKind BUYER = IdentityKind.opaque("MARKET_BUYER", "商城买家", "Marketplace buyer", 200);

    private final WebhookMapper mapper = new WebhookMapper(new ObjectMapper());

    @Test
    void mapperKeysThePostBySourceAndItsIdAndNamesTheSender() {
        byte[] raw = """
                {"event": {"id": 4711}, "buyer": {"id": "  b-42 "}, "message": {"content": "hello"}}""".getBytes(StandardCharsets.UTF_8);
        InboundMessage inbound = mapper.toInbound("market", source("MARKET_BUYER", MARKETPLACE, List.of(), 2), BUYER, raw);
        assertThat(inbound.channel()).isEqualTo("WEBHOOK");
        assertThat(inbound.externalId()).isEqualTo("market:4711");
        assertThat(inbound.source()).isEqualTo("webhook:market");
        assertThat(inbound.sender()).isEqualTo("b-42");
        assertThat(inbound.contentType()).isEqualTo("application/json");
        assertThat(inbound.raw()).isSameAs(raw);
    }

    @Test
    void mapperRefusesWhatIsNotAMessageOfTheSource() {
        WebhookSettings.Source market = source("MARKET_BUYER", MARKETPLACE, List.of(), 2);
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("{\"buyer\": {\"id\": \"b\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no message id at /event/id");
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("{\"event\": {\"id\": {\"x\": 1}}, \"buyer\": {\"id\": \"b\"}}")))
                .as("an id that is an object").hasMessageContaining("no message id");
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("{\"event\": {\"id\": \"e\"}, \"buyer\": {\"id\": \" \"}}")))
                .hasMessageContaining("no usable Marketplace buyer (MARKET_BUYER) at /buyer/id");
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("{\"event\": {\"id\": \"" + "x".repeat(201)
                + "\"}, \"buyer\": {\"id\": \"b\"}}"))).hasMessageContaining("at most 200 characters");
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("[]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> mapper.toInbound("market", market, BUYER, bytes("{\"event\":"))).hasMessageContaining("not a JSON object");
    }
}
