package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.RelayedChannels;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Mail from a sender that relays another channel (a fax-to-email gateway; the fax channel says which, see
 * FaxEmailGatewaysTest) is handed to that channel; other mail stays e-mail.
 */
class EmailMapperFaxGatewayTest {

    /** What the fax channel answers for hub.fax.email-senders[0]=fax@gateway.example.com. */
    private static final RelayedChannels FAX_GATEWAY = (transport, address) ->
            "EMAIL".equals(transport) && "fax@gateway.example.com".equals(address) ? Optional.of("FAX") : Optional.empty();

    private final EmailMapper mapper = new EmailMapper(List.of(FAX_GATEWAY));

    @Test
    void mailFromAFaxGatewayIsAFax() {
        InboundMessage fax = mapper.toInbound(new byte[] {1}, "<a@gw>", "\"eFax\" <Fax@Gateway.example.com>", "d", "Fax from +862150001234",
                "support");
        assertThat(fax.channel()).isEqualTo("FAX");
        assertThat(fax.externalId()).startsWith("email:<a@gw> ");
        assertThat(fax.contentType()).isEqualTo("message/rfc822");
    }

    @Test
    void otherMailStaysEmail() {
        assertThat(mapper.toInbound(new byte[] {1}, "<b@c>", "customer@example.com", "d", "s", "support").channel()).isEqualTo("EMAIL");
        assertThat(new EmailMapper(List.of()).toInbound(new byte[] {1}, "<b@c>", "fax@gateway.example.com", "d", "s",
                "support").channel()).as("no gateway configured").isEqualTo("EMAIL");
    }
}
