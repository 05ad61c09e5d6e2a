package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console and portal are bilingual: every text in the English bundle is in the Chinese one, and back. */
class ConsoleMessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        Set<String> english = keys("/messages.properties");
        Set<String> chinese = keys("/messages_zh.properties");
        assertThat(chinese).as("in messages.properties but not in messages_zh.properties")
                .containsAll(english);
        assertThat(english).as("in messages_zh.properties but not in messages.properties")
                .containsAll(chinese);
    }

    private static Set<String> keys(String resource) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames();
    }
}
