package io.contacthub.channel.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** hub.fax.email-senders: mail over the e-mail transport from these addresses is the FAX channel's, in any case. */
class FaxEmailGatewaysTest {

    private final FaxEmailGateways gateways = new FaxEmailGateways(
            new FaxSettings(null, Duration.ofSeconds(10), 1L, List.of(" Fax@Gateway.example.com ", "")));

    @Test
    void aGatewaysMailIsAFax() {
        assertThat(gateways.channelRelayedBy("EMAIL", "fax@gateway.example.com")).contains("FAX");
        assertThat(gateways.channelRelayedBy("EMAIL", "FAX@GATEWAY.EXAMPLE.COM")).contains("FAX");
    }

    @Test
    void anyoneElseOrAnotherTransportIsNot() {
        assertThat(gateways.channelRelayedBy("EMAIL", "customer@example.com")).isEmpty();
        assertThat(gateways.channelRelayedBy("EMAIL", null)).isEmpty();
        assertThat(gateways.channelRelayedBy("SMS", "fax@gateway.example.com")).isEmpty();
        assertThat(new FaxEmailGateways(new FaxSettings(null, Duration.ofSeconds(10), 1L, null))
                .channelRelayedBy("EMAIL", "fax@gateway.example.com")).as("no gateway configured").isEmpty();
    }
}
