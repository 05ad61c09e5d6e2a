package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.lang.invoke.MethodHandle;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What the fuzz harnesses found, each as a plain test of the behaviour that was wrong (the crashing
 * inputs themselves are kept as regression inputs under
 * {@code src/test/resources/io/contacthub/fuzz/<Harness>Inputs/<method>/}).
 */
class FoundByFuzzingTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private static ParsedContent parseStoredWebMessage(String raw) throws Throwable {
        Object parser = Internals.constructor("io.contacthub.channel.web.WebMessageParser", ObjectMapper.class).invoke(JSON);
        MethodHandle parse = Internals.method("io.contacthub.channel.web.WebMessageParser", "parse",
                ParsedContent.class, StoredMessage.class);
        StoredMessage stored = new StoredMessage(7, "WEB", "key:k", "203.0.113.9", null, "application/json",
                Seeds.utf8(raw), MessageStatus.RECEIVED, 0, OffsetDateTime.now());
        return (ParsedContent) parse.invoke(parser, stored);
    }

    /** Was a NullPointerException (new StringBuilder(null)), failing as "processing error: NullPointerException". */
    @Test
    void storedWebMessageWithoutBodyIsUnreadableWithAReasonNotANullPointer() {
        assertThatThrownBy(() -> parseStoredWebMessage("{\"email\":\"a@example.com\",\"subject\":\"x\"}"))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessage("stored web message has no body");
    }

    /** Was a NullPointerException: Jackson reads the JSON literal null as a null request. */
    @Test
    void storedWebMessageThatIsJsonNullIsUnreadable() {
        assertThatThrownBy(() -> parseStoredWebMessage("null"))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("JSON null");
    }
}
