package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The console and portal are bilingual: every English text has its Chinese one and the other way round. */
class MessageBundlesTest {

    @Test
    void englishAndChineseHaveTheSameKeys() throws Exception {
        Properties en = load("/messages.properties");
        Properties zh = load("/messages_zh.properties");
        assertThat(zh.stringPropertyNames()).as("keys only in messages.properties: translate them")
                .containsAll(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).as("keys only in messages_zh.properties").containsAll(zh.stringPropertyNames());
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
