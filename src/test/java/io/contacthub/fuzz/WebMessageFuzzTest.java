package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.channel.web.WebMessageMapper;
import io.contacthub.channel.web.WebMessageRequest;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The web channel's JSON: a body posted to {@code /api/messages} is read by Jackson into a
 * {@link WebMessageRequest} (the controller answers 400 on an {@link IOException}), validated as
 * {@code @Valid} does (400 with the violations), mapped to the stored raw JSON, and read back by the
 * web parser during processing. Asserted:
 * <ul>
 *   <li>reading throws nothing but {@link IOException}s; validation throws nothing;</li>
 *   <li>a valid request round-trips: the parser gives its subject, sender and a body starting with its text;</li>
 *   <li>the parser, given the posted bytes themselves as a stored raw (a replay of anything stored),
 *       gives content or {@link UnreadableMessageException}, never another exception.</li>
 * </ul>
 */
class WebMessageFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    /** As Spring Boot configures its ObjectMapper (unknown properties ignored, JSR-310 dates...). */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final WebMessageMapper MAPPER;
    private static final Object PARSER;
    private static final MethodHandle PARSE = Internals.method("io.contacthub.channel.web.WebMessageParser", "parse",
            ParsedContent.class, StoredMessage.class);

    static {
        try {
            MAPPER = (WebMessageMapper) Internals.constructor("io.contacthub.channel.web.WebMessageMapper",
                    ObjectMapper.class).invoke(JSON);
            PARSER = Internals.constructor("io.contacthub.channel.web.WebMessageParser", ObjectMapper.class)
                    .invoke(JSON);
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void postedJsonIsRefusedOrReadBack(byte[] posted) {
        storedRawIsReadOrRefused(posted);

        Object read = Budget.within(() -> {
            try {
                return JSON.readValue(posted, WebMessageRequest.class);
            } catch (IOException notJson) {
                return notJson; // 400
            }
        });
        if (!(read instanceof WebMessageRequest request)) {
            return; // not JSON of a message, or the literal null (@RequestBody answers 400: body required)
        }
        Set<ConstraintViolation<WebMessageRequest>> violations = Budget.within(() -> VALIDATOR.validate(request));
        if (!violations.isEmpty()) {
            violations.forEach(v -> assertThat(v.getMessage()).isNotBlank());
            return; // 400 with the reasons
        }
        InboundMessage inbound = MAPPER.toInbound(request, "fuzz-key", "203.0.113.9");
        ParsedContent content = storedRawIsReadOrRefused(inbound.raw());
        assertThat(content).as("a valid, stored web message must read back").isNotNull();
        assertThat(content.subject()).isEqualTo(request.subject());
        assertThat(content.body()).startsWith(request.body());
        assertThat(content.senderEmail()).isEqualTo(request.email());
        assertThat(content.senderPhone()).isEqualTo(request.phone());
    }

    /** @return the content, or null when the parser refused the raw clearly */
    private static ParsedContent storedRawIsReadOrRefused(byte[] raw) {
        StoredMessage stored = new StoredMessage(1, "WEB", "key:fuzz", "203.0.113.9", null, "application/json", raw,
                MessageStatus.RECEIVED, 0, OffsetDateTime.now());
        try {
            ParsedContent content = Budget.within(() -> PARSE.invoke(PARSER, stored));
            assertThat(content.body()).isNotNull();
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
                {"name":"李伟","email":"li.wei@example.cn","subject":"包裹在哪里","body":"运单 SF1234567890 还没到"}""",
                """
                {"phone":"+8613900000000","subject":"Order","body":"Please pick up","orderNumber":"ORD-2024-001",
                 "waybillNumber":"SF1234567890","fields":{"pickupAddress":"1 Main St","pieces":"3","weight":null}}""",
                """
                {"email":"a@example.com","subject":"x","body":"y","unknown":[1,2,{"z":true}]}""",
                """
                {"subject":"no way to answer","body":"text"}""")
                .map(Seeds::utf8);
    }
}
