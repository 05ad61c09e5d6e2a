package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

class MailboxUriTest {

    private static final MailSettings SETTINGS = new MailSettings(null, java.time.Duration.ofSeconds(10), 200, null);

    private static String camelUri(String url) {
        return MailboxUri.toCamelUri(new MailSettings.Mailbox("support", url, null, null, null, null), SETTINGS);
    }

    /** The consumer options as Camel will read them (RAW(...) values resolved). */
    private static Map<String, Object> options(String camelUri) throws Exception {
        Map<String, Object> params = URISupport.parseQuery(camelUri.substring(camelUri.indexOf('?') + 1), false, false);
        URISupport.resolveRawParameterValues(params);
        return params;
    }

    @Test
    void imapsUrlWithUserAndPasswordBecomesCamelConsumerUri() throws Exception {
        String uri = camelUri("imaps://help:s3cret@mail.example.com/INBOX");
        assertThat(uri).startsWith("imaps://mail.example.com?");
        assertThat(options(uri)).containsEntry("username", "help").containsEntry("password", "s3cret")
                .containsEntry("folderName", "INBOX").containsEntry("unseen", "false").containsEntry("delete", "false")
                .containsEntry("peek", "true").containsEntry("mapMailMessage", "false");
    }

    @Test
    void newMailIsChosenByTheMailboxCursorNotByTheSeenFlag() throws Exception {
        String uri = MailboxUri.toCamelUri(new MailSettings.Mailbox("support", "imaps://help:pw@mail.example.com", null, null, null, null),
                SETTINGS, "mailboxCursor3");
        assertThat(options(uri)).containsEntry("unseen", "false")
                .containsEntry("mailUidGenerator", "#mailboxCursor3")
                .containsEntry("idempotentRepository", "#mailboxCursor3")
                .containsEntry("idempotentRepositoryRemoveOnCommit", "false")
                .containsEntry("pollStrategy", "#mailboxPollStrategy");
    }

    @Test
    void skipReadOnFirstPollIsRefusedForPop3WhichHasNoReadFlag() {
        assertThatThrownBy(() -> MailboxUri.toCamelUri(new MailSettings.Mailbox("orders", "pop3://help:pw@pop.example.com", null, null,
                null, null, null, MailSettings.FirstPoll.SKIP_READ), SETTINGS))
                .hasMessageContaining("orders").hasMessageContaining("skip-read");
    }

    @Test
    void nonPositiveMailboxSizeLimitIsRefused() {
        assertThatThrownBy(() -> MailboxUri.toCamelUri(new MailSettings.Mailbox("support", "imap://help:pw@mail.example.com", null, null,
                null, null, 0L, null), SETTINGS))
                .hasMessageContaining("max-message-bytes");
    }

    @Test
    void imapUrlKeepsItsPortAndFolder() throws Exception {
        String uri = camelUri("imap://help:pw@mail.example.com:1143/Support%20Queue");
        assertThat(uri).startsWith("imap://mail.example.com:1143?");
        assertThat(options(uri)).containsEntry("folderName", "Support Queue");
    }

    @Test
    void pop3DeletesAfterCommitByDefaultAndDoesNotAskForUnseen() throws Exception {
        Map<String, Object> options = options(camelUri("pop3://help:pw@pop.example.com"));
        assertThat(options).containsEntry("delete", "true").containsEntry("unseen", "false").containsEntry("folderName", "INBOX");
    }

    @Test
    void pop3DeleteCanBeSwitchedOff() throws Exception {
        String uri = MailboxUri.toCamelUri(
                new MailSettings.Mailbox("support", "pop3s://help:pw@pop.example.com", null, null, null, false), SETTINGS);
        assertThat(options(uri)).containsEntry("delete", "false");
    }

    @Test
    void percentEncodedAtSignInUserNameIsDecoded() throws Exception {
        assertThat(options(camelUri("imaps://support%40example.com:pw@mail.example.com/INBOX")))
                .containsEntry("username", "support@example.com");
    }

    @Test
    void plusInUrlPasswordStaysAPlus() throws Exception {
        assertThat(options(camelUri("imaps://help:a+b%25c@mail.example.com"))).containsEntry("password", "a+b%c");
    }

    @Test
    void passwordWithUriSpecialCharactersSurvivesWithoutEscapingBecauseItIsRaw() throws Exception {
        String password = "p&ss=w%rd+?#:/ x";
        String uri = MailboxUri.toCamelUri(
                new MailSettings.Mailbox("support", "imaps://mail.example.com", "help", password, null, null), SETTINGS);
        assertThat(uri).contains("password=RAW(" + password + ")");
        assertThat(options(uri)).containsEntry("password", password).containsEntry("username", "help");
    }

    @Test
    void passwordWithClosingParenthesisUsesRawBracesAndSurvives() throws Exception {
        String password = "pa)&ss=1";
        String uri = MailboxUri.toCamelUri(
                new MailSettings.Mailbox("support", "imaps://mail.example.com", "help", password, null, null), SETTINGS);
        assertThat(options(uri)).containsEntry("password", password).containsEntry("username", "help");
        assertThat(MailboxRoutes.redact(uri)).doesNotContain(password).contains("password=***");
    }

    @Test
    void settingsUserAndPasswordOverrideTheUrls() throws Exception {
        String uri = MailboxUri.toCamelUri(
                new MailSettings.Mailbox("support", "imaps://url-user:url-pw@mail.example.com", "cfg-user", "cfg-pw", null, null),
                SETTINGS);
        assertThat(options(uri)).containsEntry("username", "cfg-user").containsEntry("password", "cfg-pw");
    }

    @Test
    void urlWithoutHostFailsNamingTheMailbox() {
        assertThatThrownBy(() -> camelUri("imaps:///INBOX"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailbox support")
                .hasMessageContaining("no host");
    }

    @Test
    void unsupportedSchemeFailsNamingTheMailbox() {
        assertThatThrownBy(() -> camelUri("https://help:pw@mail.example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailbox support")
                .hasMessageContaining("'https'");
    }

    @Test
    void somethingThatIsNotAUrlFailsNamingTheMailbox() {
        assertThatThrownBy(() -> camelUri("imaps://mail example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailbox support")
                .hasMessageContaining("not a URL");
    }

    @Test
    void missingUserNameFailsNamingTheMailbox() {
        assertThatThrownBy(() -> camelUri("imaps://mail.example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailbox support")
                .hasMessageContaining("no user name");
    }
}
