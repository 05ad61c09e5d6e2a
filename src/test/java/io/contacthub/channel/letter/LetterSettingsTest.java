package io.contacthub.channel.letter;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** {@code hub.letter}: shipped defaults, a bad value stops the start naming it, and scans fit through the servlet. */
class LetterSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(LetterConfiguration.class)
            .withPropertyValues("hub.letter.max-file-bytes=8MB", "hub.letter.max-ocr-pages=10");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        LetterSettings letter = shipped("hub.letter", LetterSettings.class);
        assertThat(letter.maxFileBytes()).isEqualTo(DataSize.ofMegabytes(8));
        assertThat(letter.maxOcrPages()).isEqualTo(10);
        assertThat(metadata()).containsKeys("hub.letter.max-file-bytes", "hub.letter.max-ocr-pages");
    }

    @Test
    void aZeroValueStopsTheStartNamingTheProperty() {
        hub.withPropertyValues("hub.letter.max-ocr-pages=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.letter.max-ocr-pages");
        });
        hub.withPropertyValues("hub.letter.max-file-bytes=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.letter.max-file-bytes");
        });
    }

    @Test
    void aScanLimitTheServletCannotTakeStopsTheStart() {
        LetterFormController.checkUploadLimits(DataSize.ofMegabytes(8), DataSize.ofMegabytes(10), DataSize.ofMegabytes(10));
        LetterFormController.checkUploadLimits(DataSize.ofMegabytes(8), DataSize.ofBytes(-1), DataSize.ofBytes(-1));
        assertThatThrownBy(() -> LetterFormController.checkUploadLimits(DataSize.ofMegabytes(20), DataSize.ofMegabytes(10),
                DataSize.ofMegabytes(30))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub.letter.max-file-bytes").hasMessageContaining("spring.servlet.multipart.max-file-size");
        assertThatThrownBy(() -> LetterFormController.checkUploadLimits(DataSize.ofMegabytes(8), DataSize.ofMegabytes(10),
                DataSize.ofMegabytes(8))).hasMessageContaining("spring.servlet.multipart.max-request-size");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(LetterSettings.class)
    static class LetterConfiguration {
    }
}
