package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.database.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.data-dir}, {@code hub.admin-password}, {@code hub.public-url} and {@code hub.db}: shipped defaults, and
 * a bad value stops the start naming its property.
 */
class HubSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(HubConfiguration.class)
            .withPropertyValues("hub.data-dir=./data");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        HubSettings settings = shipped("hub", HubSettings.class);
        assertThat(settings.dataDir()).isEqualTo("./data");
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.publicUrl()).as("unset: the URL each request arrives at").isEmpty();
        DatabaseSettings db = shipped("hub.db", DatabaseSettings.class);
        assertThat(db.external()).as("unset: the embedded database").isFalse();
        assertThat(db.user()).isNull();
        assertThat(db.password()).isNull();
    }

    @Test
    void aValidConfigurationStartsAndTheTrailingSlashIsDropped() {
        hub.withPropertyValues("hub.public-url=https://hub.example.cn/", "hub.db.url=jdbc:postgresql://db:5432/hub",
                "hub.db.user=hub").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HubSettings.class).publicUrl()).isEqualTo("https://hub.example.cn");
                    assertThat(context.getBean(DatabaseSettings.class).external()).isTrue();
                    assertThat(context.getBean(DatabaseSettings.class).user()).isEqualTo("hub");
                });
    }

    @Test
    void aPublicUrlThatIsNotAnAbsoluteHttpUrlStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.public-url=hub.example.cn").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.public-url", "absolute http(s) URL");
        });
        hub.withPropertyValues("hub.public-url=ftp://hub.example.cn").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.public-url");
        });
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresOrABlankDataDirStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.db.url=postgres://db:5432/hub").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.db.url", "jdbc:postgresql:");
        });
        hub.withPropertyValues("hub.data-dir= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub", "dataDir");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.data-dir", "hub.admin-password", "hub.public-url", "hub.db.url",
                "hub.db.user", "hub.db.password");
        assertThat(metadata().get("hub.public-url").path("description").asText()).contains("HUB_PUBLIC_URL");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({HubSettings.class, DatabaseSettings.class})
    static class HubConfiguration {
    }
}
