package io.contacthub.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The webhook parser without Spring: a source's field mapping, what the sender proves, attachments. */
class WebhookMessageParserTest {

    private static final String SECRET = "unit-test-secret-0123456789";
    static final WebhookSettings.Fields MARKETPLACE = new WebhookSettings.Fields("/event/id", "/buyer/id", "/buyer/nick",
            "/buyer/contact/email", "/buyer/contact/phone", "/message/title", "/message/content", "/message/files", "/filename",
            "/mime", "/href", "/data");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parserReadsTheMappedFieldsWithTheSenderIdObservedAndMentionedAddressesClaimed() {
        ParsedContent content = parser(source("MARKET_BUYER", MARKETPLACE, List.of(), 2)).parse(stored("market:1", """
                {"event": {"id": 1}, "buyer": {"id": "b-42", "nick": "王五\\n", "contact": {"email": "wang@example.cn",
                 "phone": "+8613800138000"}}, "message": {"title": "退货", "content": "  我要退货，订单 SO2026000123  "}}"""));
        assertThat(content.subject()).isEqualTo("退货");
        assertThat(content.body()).isEqualTo("我要退货，订单 SO2026000123");
        assertThat(content.senderName()).isEqualTo("王五");
        assertThat(content.senderEmail()).isEqualTo("wang@example.cn");
        assertThat(content.senderPhone()).isEqualTo("+8613800138000");
        assertThat(content.proof().email()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.proof().phone()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.identities()).containsExactly(new GivenIdentity("MARKET_BUYER", "b-42", Provenance.OBSERVED));
        assertThat(content.files()).isEmpty();
        assertThat(content.sameCustomerWindow()).as("the descriptor's window applies").isNull();
    }

    @Test
    void withoutASubjectTheTextsFirstSixtyCharactersAreTheSubject() {
        WebhookParserFixture f = new WebhookParserFixture();
        ParsedContent long_ = f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"text\": \"" + "包裹".repeat(40) + "\"}");
        assertThat(long_.subject()).isEqualTo("包裹".repeat(30) + "…");
        ParsedContent empty = f.parse("{\"id\": 2, \"sender\": {\"id\": \"s-9\", \"name\": \"Ann\"}}");
        assertThat(empty.subject()).isEqualTo("Message from Ann");
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void aSourceVouchingForPhoneNumbersMakesTheSenderIdAnObservedPhone() {
        ParsedContent content = parser(source("PHONE", WebhookSettings.Fields.DEFAULTS, List.of(), 2)).parse(stored("carrier:1", """
                {"id": 1, "sender": {"id": "+8613900139000", "phone": "+8613700137000"}, "text": "not at home"}"""));
        assertThat(content.senderPhone()).isEqualTo("+8613900139000");
        assertThat(content.proof().phone()).isEqualTo(Provenance.OBSERVED);
        assertThat(content.identities()).containsExactly(new GivenIdentity("PHONE", "+8613700137000", Provenance.CLAIMED));
    }

    @Test
    void base64AttachmentsAreDecodedAndTheirTextExtracted() {
        String note = "Waybill SF1234567890123\n";
        ParsedContent content = new WebhookParserFixture().parse("""
                {"id": 1, "sender": {"id": "s"}, "text": "see file", "attachments": [
                  {"name": "../../note.txt", "contentType": "text/plain", "base64": "%s"},
                  {"base64": "%s"}]}""".formatted(
                Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(note.getBytes(StandardCharsets.UTF_8))
                        .replace("\r\n", "\\r\\n"), // folded lines, as JSON escapes
                Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff})));
        assertThat(content.files()).hasSize(2);
        assertThat(content.files().get(0).fileName()).as("no path in a file name").isEqualTo(".._.._note.txt");
        assertThat(content.files().get(0).contentType()).isEqualTo("text/plain");
        assertThat(content.files().get(0).content()).isEqualTo(note.getBytes(StandardCharsets.UTF_8));
        assertThat(content.files().get(0).extractedText()).contains("SF1234567890123");
        assertThat(content.files().get(0).sha256()).hasSize(64);
        assertThat(content.files().get(1).fileName()).isEqualTo("attachment-2");
        assertThat(content.files().get(1).contentType()).isEqualTo("application/octet-stream");
        assertThat(content.files().get(1).content()).containsExactly(0xfb, 0xff);
        assertThat(content.searchableText()).contains("SF1234567890123");
    }

    @Test
    void anAttachmentThatCannotBeTakenMakesTheMessageUnreadableWithTheReason() {
        WebhookParserFixture f = new WebhookParserFixture();
        assertThatThrownBy(() -> f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"attachments\": [{\"name\": \"a\", \"base64\": \"!!!\"}]}"))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("attachment 1 (a) is not valid base64");
        String big = Base64.getEncoder().encodeToString(new byte[2048]);
        assertThatThrownBy(() -> f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"attachments\": [{\"base64\": \"" + big + "\"}]}"))
                .hasMessageContaining("over the source's limit of 1024 bytes");
        assertThatThrownBy(() -> f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"attachments\": [{}, {}, {}]}"))
                .hasMessageContaining("3 attachments, over the source's limit of 2");
        assertThatThrownBy(() -> f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"attachments\": [{\"name\": \"n\"}]}"))
                .hasMessageContaining("attachment 1 (n) has neither /url nor /base64");
        assertThatThrownBy(() -> f.parse("{\"id\": 1, \"sender\": {\"id\": \"s\"}, \"attachments\": {\"url\": \"x\"}}"))
                .hasMessageContaining("are not an array");
    }

    @Test
    void aUrlOffTheAllowListIsRefusedBeforeAnyConnection() {
        WebhookParserFixture f = new WebhookParserFixture();
        // The cloud metadata address: were it fetched, the test would hang or fail differently.
        assertThatThrownBy(() -> f.parse("""
                {"id": 1, "sender": {"id": "s"}, "attachments": [{"name": "x", "url": "http://169.254.169.254/latest/meta-data?token=1"}]}"""))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("attachment 1 (x) not fetched from http://169.254.169.254/latest/meta-data:")
                .hasMessageContaining("not one of the source's attachment-hosts")
                .hasMessageNotContaining("token=1");
    }

    @Test
    void aStoredMessageWhoseSourceIsGoneOrWhoseSenderIsMissingIsUnreadable() {
        WebhookParserFixture f = new WebhookParserFixture();
        assertThatThrownBy(() -> f.parser.parse(stored("removed:1", "{\"id\": 1, \"sender\": {\"id\": \"s\"}}")))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("webhook source 'removed' is not configured");
        assertThatThrownBy(() -> f.parse("{\"id\": 1}")).hasMessageContaining("no sender id at /sender/id");
        assertThatThrownBy(() -> f.parse("not json")).hasMessageContaining("not a JSON object");
    }

    @Test
    void attachmentHostsMatchSchemeHostAndPortExactly() {
        WebhookSettings.HostRule cdn = WebhookSettings.HostRule.parse("*.cdn.example.com");
        assertThat(cdn.matches(URI.create("https://a.cdn.example.com/x.png"))).isTrue();
        assertThat(cdn.matches(URI.create("https://a.b.cdn.example.com/x.png"))).isTrue();
        assertThat(cdn.matches(URI.create("https://cdn.example.com/x.png"))).isFalse();
        assertThat(cdn.matches(URI.create("https://evilcdn.example.com/x.png"))).isFalse();
        assertThat(cdn.matches(URI.create("http://a.cdn.example.com/x.png"))).as("HTTPS only").isFalse();
        assertThat(cdn.matches(URI.create("https://a.cdn.example.com:8443/x.png"))).isFalse();
        assertThat(cdn.matches(URI.create("https://user@a.cdn.example.com/x.png"))).isFalse();
        WebhookSettings.HostRule local = WebhookSettings.HostRule.parse("http://localhost:8089");
        assertThat(local.matches(URI.create("http://LOCALHOST:8089/f"))).isTrue();
        assertThat(local.matches(URI.create("http://localhost:8090/f"))).isFalse();
        assertThat(local.matches(URI.create("http://localhost.evil.example:8089/f"))).isFalse();
        assertThatThrownBy(() -> WebhookSettings.HostRule.parse("ftp://files.example.com")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> WebhookSettings.HostRule.parse("files.example.com/path")).hasMessageContaining("no paths");
    }

    // --- fixtures ---

    /** A default-mapped source "shop" allowing no attachment hosts, 1 KiB attachments, at most 2. */
    private final class WebhookParserFixture {
        final WebhookMessageParser parser = parser(source("SHOP_BUYER", WebhookSettings.Fields.DEFAULTS, List.of(), 2));

        ParsedContent parse(String raw) {
            return parser.parse(stored("shop:1", raw));
        }
    }

    private WebhookMessageParser parser(WebhookSettings.Source source) {
        String name = source.identityKind().equals("MARKET_BUYER") ? "market" : source.identityKind().equals("PHONE") ? "carrier" : "shop";
        WebhookSettings settings = new WebhookSettings(DataSize.ofKilobytes(64), Duration.ofHours(72), true, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(name, source));
        return new WebhookMessageParser(settings, json, AttachmentReader.textOnly(new DocumentTextExtractor(100_000)),
                new AttachmentFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    static WebhookSettings.Source source(String kind, WebhookSettings.Fields fields, List<String> hosts, int maxAttachments) {
        return new WebhookSettings.Source(SECRET, null, null, null, kind, kind.equals("PHONE") ? null
                : new WebhookSettings.Labels("买家", "Buyer"), fields, null, hosts, DataSize.ofBytes(1024), maxAttachments, null);
    }

    private static StoredMessage stored(String externalId, String raw) {
        return new StoredMessage(1, "WEBHOOK", externalId, "webhook:" + externalId.split(":")[0], "s", "application/json",
                bytes(raw), MessageStatus.RECEIVED, 1, OffsetDateTime.now());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
