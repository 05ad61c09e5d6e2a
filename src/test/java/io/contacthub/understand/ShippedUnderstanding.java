package io.contacthub.understand;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The understand rules as application.yml ships them, for tests that run without Spring. */
final class ShippedUnderstanding {

    private ShippedUnderstanding() {
    }

    static UnderstandProperties properties() {
        try {
            var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("hub.understand", UnderstandProperties.class).get();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
