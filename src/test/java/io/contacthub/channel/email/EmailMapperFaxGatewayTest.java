package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.intake.InboundMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Mail from a configured fax-to-email gateway is handed to the FAX channel; other mail stays e-mail. */
class EmailMapperFaxGatewayTest {

    private final EmailMapper mapper = new EmailMapper(new MockEnvironment()
            .withProperty("hub.fax.email-senders[0]", "Fax@Gateway.example.com"));

    @Test
    void mailFromAFaxGatewayIsAFax() {
        InboundMessage fax = mapper.toInbound(new byte[] {1}, "<a@gw>", "\"eFax\" <fax@gateway.example.com>", "d", "Fax from +862150001234",
                "support");
        assertThat(fax.channel()).isEqualTo("FAX");
        assertThat(fax.externalId()).startsWith("email:<a@gw> ");
        assertThat(fax.contentType()).isEqualTo("message/rfc822");
    }

    @Test
    void otherMailStaysEmail() {
        assertThat(mapper.toInbound(new byte[] {1}, "<b@c>", "customer@example.com", "d", "s", "support").channel()).isEqualTo("EMAIL");
        assertThat(new EmailMapper(new MockEnvironment()).toInbound(new byte[] {1}, "<b@c>", "fax@gateway.example.com", "d", "s",
                "support").channel()).as("no gateway configured").isEqualTo("EMAIL");
    }
}
