package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.channel.webhook.WebhookSettings;
import io.contacthub.descriptor.IdentityKind;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.util.unit.DataSize;

/**
 * The generic webhook channel's JSON: a signed body posted to {@code /webhooks/in/<source>} is mapped (id and sender;
 * the controller answers 400 on an {@link IllegalArgumentException}) and, stored, read by the webhook parser with the
 * source's field mapping during processing. Asserted:
 * <ul>
 *   <li>the mapper gives an InboundMessage keyed {@code shop:<id>} or refuses with {@link IllegalArgumentException},
 *       never another exception;</li>
 *   <li>the parser, given the posted bytes as a stored raw (a replay of anything stored), gives content or
 *       {@link UnreadableMessageException}, never another exception; no attachment URL is fetched (the source allows
 *       no host);</li>
 *   <li>what the mapper accepts the parser reads with the sender id observed.</li>
 * </ul>
 */
class WebhookPostFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final WebhookSettings.Source SHOP = new WebhookSettings.Source("fuzz-secret-0123456789", null, null, null,
            "SHOP_BUYER", new WebhookSettings.Labels("买家", "Buyer"), null, null, List.of(), DataSize.ofKilobytes(64), 3, null);
    private static final IdentityKind BUYER = IdentityKind.opaque("SHOP_BUYER", "买家", "Buyer", 200);
    private static final Object MAPPER;
    private static final Object PARSER;
    private static final MethodHandle TO_INBOUND = Internals.method("io.contacthub.channel.webhook.WebhookMapper", "toInbound",
            InboundMessage.class, String.class, WebhookSettings.Source.class, IdentityKind.class, byte[].class);
    private static final MethodHandle PARSE = Internals.method("io.contacthub.channel.webhook.WebhookMessageParser", "parse",
            ParsedContent.class, StoredMessage.class);

    static {
        try {
            WebhookSettings settings = new WebhookSettings(DataSize.ofKilobytes(64), Duration.ofHours(72), true,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of("shop", SHOP));
            MAPPER = Internals.constructor("io.contacthub.channel.webhook.WebhookMapper", ObjectMapper.class).invoke(JSON);
            Object fetcher = Internals.constructor("io.contacthub.channel.webhook.AttachmentFetcher", Duration.class, Duration.class)
                    .invoke(Duration.ofSeconds(1), Duration.ofSeconds(1));
            PARSER = Internals.constructor("io.contacthub.channel.webhook.WebhookMessageParser", WebhookSettings.class,
                    ObjectMapper.class, AttachmentReader.class, Internals.type("io.contacthub.channel.webhook.AttachmentFetcher"))
                    .invoke(settings, JSON, AttachmentReader.textOnly(new DocumentTextExtractor(100_000)), fetcher);
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void signedPostsAreRefusedOrReadBack(byte[] posted) {
        ParsedContent asStored = storedRawIsReadOrRefused(posted);
        Object mapped = Budget.within(() -> {
            try {
                return TO_INBOUND.invoke(MAPPER, "shop", SHOP, BUYER, posted);
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return refused; // 400
            }
        });
        if (!(mapped instanceof InboundMessage inbound)) {
            return;
        }
        assertThat(inbound.externalId()).startsWith("shop:").hasSizeLessThanOrEqualTo(5 + 200);
        assertThat(inbound.sender()).isNotBlank();
        if (asStored != null) {
            assertThat(asStored.identities()).hasSize(1);
            assertThat(asStored.identities().get(0).value().strip()).isEqualTo(inbound.sender());
        }
    }

    /** @return the content, or null when the parser refused the raw clearly */
    private static ParsedContent storedRawIsReadOrRefused(byte[] raw) {
        StoredMessage stored = new StoredMessage(1, "WEBHOOK", "shop:fuzz", "webhook:shop", "s", "application/json", raw,
                MessageStatus.RECEIVED, 0, OffsetDateTime.now());
        try {
            ParsedContent content = Budget.within(() -> PARSE.invoke(PARSER, stored));
            assertThat(content.body()).isNotNull();
            assertThat(content.subject()).isNotBlank();
            assertThat(content.searchableText()).isNotNull();
            return content;
        } catch (UnreadableMessageException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return null;
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                """
                {"id": "evt-1", "sender": {"id": "buyer-42", "name": "张三", "email": "zhang@example.cn"},
                 "subject": "我的快递到哪了", "text": "运单号 SF1234567890123 还没到"}""",
                """
                {"id": 17, "sender": {"id": 9001, "phone": "+8613900000000"},
                 "text": "no subject, just a rather long text that goes on past sixty characters \\ud83d\\ude00 to be cut"}""",
                """
                {"id": "a", "sender": {"id": "b"}, "attachments": [{"name": "n.txt", "contentType": "text/plain",
                 "base64": "aGVsbG8gd29ybGQ="}, {"name": "u", "url": "https://files.example.com/x"}]}""",
                """
                {"id": "a", "sender": {"id": "b"}, "text": {"nested": [1, 2]}, "attachments": "not a list"}""",
                """
                [{"id": 1}]""")
                .map(Seeds::utf8);
    }
}
