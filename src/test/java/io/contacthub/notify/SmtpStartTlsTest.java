package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.testsupport.TestMailServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Outgoing mail is encrypted unless the URL says otherwise: against a real SMTP server that offers
 * no STARTTLS (GreenMail's plain port), a plain smtp:// URL sends nothing, and only
 * {@code ?starttls=false} lets the mail go in clear text.
 */
class SmtpStartTlsTest {

    @Test
    void serverWithoutStartTlsGetsNothingFromAPlainSmtpUrl() {
        String recipient = "tls-required." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        SmtpSender sender = new SmtpSender(TestMailServer.plainSmtpUrl(), "support@localhost", "Contact Hub");

        assertThatThrownBy(() -> sender.send(mail(recipient)))
                .isInstanceOf(ChannelSender.SendFailure.class)
                .hasMessageContaining("STARTTLS");
        assertThat(NotificationEmailTest.mailTo(recipient)).isEmpty();
        assertThat(sender.describe()).endsWith("(STARTTLS required)");
    }

    @Test
    void urlThatOptsOutSendsInPlainText() throws Exception {
        String recipient = "tls-off." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        SmtpSender sender = new SmtpSender(TestMailServer.plainSmtpUrl() + "?starttls=false", "support@localhost", "Contact Hub");

        sender.send(mail(recipient));
        assertThat(NotificationEmailTest.mailTo(recipient)).hasSize(1);
        assertThat(sender.describe()).contains("plain, no TLS");
    }

    @Test
    void misspelledOptionIsRefusedAtStartUpInsteadOfIgnored() {
        assertThatThrownBy(() -> new SmtpSender("smtp://mail.example.com:587?startls=false", "support@localhost", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startls=false");
        assertThatThrownBy(() -> new SmtpSender("smtps://mail.example.com:465?starttls=maybe", "support@localhost", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SmtpSender("smtps://mail.example.com", "support@localhost", null).describe())
                .isEqualTo("smtps://mail.example.com:465 (TLS)");
    }

    private static ChannelSender.PendingNotification mail(String recipient) {
        return new ChannelSender.PendingNotification(1, recipient, "reply", "[#CH-000001] Re: test", "hello", "<"
                + UUID.randomUUID() + "@contact-hub>", null, "en", 0);
    }
}
