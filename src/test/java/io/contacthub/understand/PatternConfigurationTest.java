package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Patterns an operator configures under {@code hub.understand} run on RE2/J; one it cannot run
 * stops the start with the property that holds it, instead of being skipped or run on a
 * backtracking engine.
 */
class PatternConfigurationTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(UnderstandConfiguration.class)
            .withPropertyValues("hub.understand.max-scanned-chars=100000", "hub.understand.order-patterns[0]=\\b(SO\\d{8,14})\\b");

    @Test
    void aLookbehindPatternStopsStartUpNamingItsProperty() {
        hub.withPropertyValues("hub.understand.waybill-patterns[0]=\\b(SF\\d{12,15})\\b",
                        "hub.understand.waybill-patterns[1]=(?<=运单号)([A-Z0-9]{10,20})")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootMessage(context.getStartupFailure()))
                            .contains("hub.understand.waybill-patterns[1]", "(?<=运单号)([A-Z0-9]{10,20})", "RE2/J");
                });
    }

    @Test
    void aBackreferencePatternStopsStartUpNamingItsProperty() {
        hub.withPropertyValues("hub.understand.order-patterns[1]=(\\d)\\1{5}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootMessage(context.getStartupFailure())).contains("hub.understand.order-patterns[1]");
                });
    }

    @Test
    void aScanLimitBelowOneStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.understand.max-scanned-chars=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootMessage(context.getStartupFailure())).contains("hub.understand.max-scanned-chars");
                });
    }

    @Test
    void patternsRe2jAcceptsStartAndAreUsed() {
        hub.withPropertyValues("hub.understand.waybill-patterns[0]=(?:运单号|\\bwaybill)\\s*[:：]?\\s*([A-Z0-9]{10,20})")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    UnderstandProperties properties = context.getBean(UnderstandProperties.class);
                    EntityExtractor extractor = new EntityExtractor(properties, new io.contacthub.customer.PhoneNumbers("CN"));
                    assertThat(extractor.extract("运单号：YT1234567890123 and order SO2026112233").waybillNumbers())
                            .containsExactly("YT1234567890123");
                });
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(UnderstandProperties.class)
    static class UnderstandConfiguration {
    }
}
