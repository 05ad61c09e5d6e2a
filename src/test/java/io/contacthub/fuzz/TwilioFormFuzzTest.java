package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.twilio.FormBody;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Twilio webhook form bodies ({@code application/x-www-form-urlencoded}) as the SMS, voice and fax
 * webhooks receive them, and as processing reads them back:
 * <ul>
 *   <li>{@link FormBody#parse} gives the parameters or throws {@link IllegalArgumentException} (the
 *       webhook answers 400); {@link FormBody#parseStored} throws only {@link UnreadableMessageException};</li>
 *   <li>the SMS, voice (call and recording) and fax mappers give an InboundMessage keyed by a
 *       SID-shaped external id, or refuse with {@link IllegalArgumentException} as documented;</li>
 *   <li>the voice parser reads a stored call form into content or refuses it clearly (recording
 *       callbacks are left out: they download audio).</li>
 * </ul>
 * Anything else thrown, or more than {@link Budget#PER_INPUT} on one input, is a finding.
 */
class TwilioFormFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    private static final Object SMS = newInstance("io.contacthub.channel.sms.SmsMapper");
    private static final Object VOICE = newInstance("io.contacthub.channel.voice.VoiceMapper");
    private static final MethodHandle SMS_INBOUND = Internals.method("io.contacthub.channel.sms.SmsMapper", "toInbound",
            InboundMessage.class, byte[].class, Map.class);
    private static final MethodHandle VOICE_CALL = Internals.method("io.contacthub.channel.voice.VoiceMapper", "call",
            InboundMessage.class, byte[].class, Map.class);
    private static final MethodHandle VOICE_RECORDING = Internals.method("io.contacthub.channel.voice.VoiceMapper",
            "recording", InboundMessage.class, byte[].class, Map.class, String.class, String.class);
    private static final Object FAX = new io.contacthub.channel.fax.FaxMapper();
    private static final MethodHandle FAX_WEBHOOK = Internals.method("io.contacthub.channel.fax.FaxMapper", "webhook",
            InboundMessage.class, byte[].class, Map.class);
    private static final Object VOICE_PARSER;
    private static final MethodHandle VOICE_PARSE = Internals.method("io.contacthub.channel.voice.VoiceMessageParser",
            "parse", ParsedContent.class, StoredMessage.class);

    static {
        try {
            // A call form needs none of the parser's collaborators (downloads, message store, speech).
            VOICE_PARSER = Internals.constructor("io.contacthub.channel.voice.VoiceMessageParser",
                    io.contacthub.twilio.TwilioMediaClient.class, io.contacthub.intake.MessageQueries.class,
                    org.springframework.beans.factory.ObjectProvider.class, String.class)
                    .invoke(null, null, null, null);
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void formsAreReadOrRefusedClearly(byte[] raw) {
        Map<String, List<String>> params;
        try {
            params = Budget.within(() -> FormBody.parse(raw));
        } catch (IllegalArgumentException malformed) {
            assertThat(malformed.getMessage()).isNotBlank();
            // what processing sees of the same body once stored
            try {
                FormBody.parseStored(raw, "fuzz form");
                throw new AssertionError("parse refused the body but parseStored read it");
            } catch (UnreadableMessageException expected) {
                assertThat(expected.getMessage()).contains("not a valid form body");
            }
            return;
        }
        assertThat(params).isNotNull().doesNotContainKey(null);
        params.values().forEach(values -> assertThat(values).isNotEmpty().doesNotContainNull());
        assertThat(FormBody.parseStored(raw, "fuzz form")).isEqualTo(params);

        mapped(() -> SMS_INBOUND.invoke(SMS, raw, params), "SMS");
        mapped(() -> VOICE_CALL.invoke(VOICE, raw, params), "VOICE");
        String query = FormBody.first(params, "query");
        InboundMessage recording = mapped(() -> VOICE_RECORDING.invoke(VOICE, raw, params, query,
                FormBody.first(params, "From")), "VOICE");
        if (recording != null && query != null && !query.isBlank()) {
            // the callback URL's query is appended to the stored form; it must still read back
            assertThat(new String(recording.raw(), StandardCharsets.UTF_8)).endsWith(query);
        }
        mapped(() -> FAX_WEBHOOK.invoke(FAX, raw, params), "FAX");

        if (FormBody.first(params, "RecordingSid") == null) {
            StoredMessage stored = new StoredMessage(1, "VOICE", "CAfuzz000001", "twilio:+1", null,
                    FormBody.CONTENT_TYPE, raw, MessageStatus.RECEIVED, 0, OffsetDateTime.now());
            try {
                ParsedContent content = Budget.within(() -> VOICE_PARSE.invoke(VOICE_PARSER, stored));
                assertThat(content.subject()).startsWith("Call from ");
                assertThat(content.body()).isNotNull();
            } catch (UnreadableMessageException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    /** A mapper's result: a message on the channel keyed by a trimmed id, or null when it refused as documented. */
    private static InboundMessage mapped(Internals.Invocation mapping, String channel) {
        InboundMessage message;
        try {
            message = Budget.within(mapping);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return null;
        }
        assertThat(message.channel()).isEqualTo(channel);
        assertThat(message.externalId()).isNotBlank().isEqualTo(message.externalId().trim());
        assertThat(message.raw()).isNotNull();
        return message;
    }

    private static Object newInstance(String className) {
        try {
            return Internals.constructor(className).invoke();
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                // Twilio's incoming-SMS example, shortened
                "ToCountry=US&ToState=CA&SmsMessageSid=SM1234567890abcdef1234567890abcdef&NumMedia=0"
                        + "&SmsSid=SM1234567890abcdef1234567890abcdef&SmsStatus=received&Body=Where+is+SF123%3F+%E4%BD%A0%E5%A5%BD"
                        + "&To=%2B15005550006&MessageSid=SM1234567890abcdef1234567890abcdef&From=%2B8613900000000",
                "AccountSid=AC00000000000000000000000000000000&CallSid=CA1234567890abcdef1234567890abcdef"
                        + "&From=%2B8613900000000&To=%2B862150001234&CallStatus=ringing&Direction=inbound",
                "RecordingSid=RE1234567890abcdef1234567890abcdef&CallSid=CA1234567890abcdef1234567890abcdef"
                        + "&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC0%2FRecordings%2FRE1"
                        + "&RecordingDuration=7&query=intent%3Dtracking%26lang%3Dzh",
                "FaxSid=FX1234567890abcdef1234567890abcdef&From=%2B862150001234&To=%2B862150009999&NumPages=2"
                        + "&MediaUrl=https%3A%2F%2Fapi.twilio.com%2Ffax.pdf",
                "a=1&a=2&&=x&b&c=%zz")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
