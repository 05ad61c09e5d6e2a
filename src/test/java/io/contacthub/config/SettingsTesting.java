package io.contacthub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Helpers for the settings records' tests: the shipped application.yml, failure messages, generated metadata. */
public final class SettingsTesting {

    private SettingsTesting() {
    }

    /** {@code type} bound from the shipped application.yml alone (no environment variables set). */
    public static <T> T shipped(String prefix, Class<T> type) {
        try {
            var yaml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
            // Placeholders resolved against the file itself, so ${ENV_VAR:default} gives its default.
            return new Binder(ConfigurationPropertySources.from(yaml), new PropertySourcesPlaceholdersResolver(yaml))
                    .bindOrCreate(prefix, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of a start-up failure and all its causes, one a line. */
    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The properties in META-INF/spring-configuration-metadata.json (generated at compile time), by name. */
    public static Map<String, JsonNode> metadata() {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            Map<String, JsonNode> byName = new TreeMap<>();
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                byName.put(property.path("name").asText(), property);
            }
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
