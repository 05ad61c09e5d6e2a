package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.extract.ocr.AttachmentOcrProperties;
import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.understand.forms.FormProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.ocr} and {@code hub.forms}: shipped defaults (and the {@code defaults()} used without Spring are the
 * same), and a bad value stops the start naming its property instead of falling back to a default.
 */
class OcrAndFormSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(OcrConfiguration.class)
            .withPropertyValues("hub.ocr.tesseract=tesseract", "hub.ocr.languages=chi_sim+eng", "hub.ocr.max-pages=50",
                    "hub.ocr.max-page-pixels=40000000", "hub.ocr.dpi=300", "hub.ocr.page-timeout=60s",
                    "hub.ocr.document-timeout=300s", "hub.ocr.workers=1", "hub.ocr.queue-size=8",
                    "hub.ocr.min-text-layer-chars=20", "hub.ocr.max-attachment-pages-per-message=10",
                    "hub.ocr.min-image-pixels=40000", "hub.forms.fields.phone.labels=Tel", "hub.forms.fields.phone.kind=phone",
                    "hub.forms.min-confidence=0.6", "hub.forms.min-ocr-confidence=60");

    @Test
    void theShippedDefaultsAreTheDocumentedOnesAndThoseUsedWithoutSpring() {
        assertThat(shipped("hub.ocr", OcrProperties.class)).isEqualTo(OcrProperties.defaults());
        assertThat(shipped("hub.ocr", AttachmentOcrProperties.class)).isEqualTo(AttachmentOcrProperties.defaults());
        FormProperties forms = shipped("hub.forms", FormProperties.class);
        assertThat(forms.minConfidence()).isEqualTo(0.6);
        assertThat(forms.minOcrConfidence()).isEqualTo(60.0);
        assertThat(forms.fields()).containsKeys("customerName", "phone", "waybillNumber");
        assertThat(forms.defaultRequired()).containsExactly("customerName", "phone");
    }

    @Test
    void aValidConfigurationStartsAndNoAttachmentOcrIsAllowed() {
        hub.withPropertyValues("hub.ocr.max-attachment-pages-per-message=0", "hub.ocr.queue-size=0").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AttachmentOcrProperties.class).maxAttachmentPagesPerMessage()).isZero();
        });
    }

    @Test
    void aBadOcrValueStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.ocr.workers=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.ocr.workers", "greater than 0");
        });
        hub.withPropertyValues("hub.ocr.dpi=30").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.ocr.dpi", "at least 70");
        });
        hub.withPropertyValues("hub.ocr.page-timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.ocr.page-timeout", "above zero");
        });
        hub.withPropertyValues("hub.ocr.languages=chi_sim eng").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.ocr.languages");
        });
        hub.withPropertyValues("hub.ocr.min-image-pixels=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.ocr.min-image-pixels");
        });
    }

    @Test
    void aBadFormValueStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.forms.min-confidence=60").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.forms.min-confidence");
        });
        hub.withPropertyValues("hub.forms.fields.phone.kind=telephone").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.forms.fields.phone.kind", "'telephone'");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.ocr.tesseract", "hub.ocr.languages", "hub.ocr.max-pages", "hub.ocr.dpi",
                "hub.ocr.page-timeout", "hub.ocr.workers", "hub.ocr.queue-size", "hub.ocr.max-attachment-pages-per-message",
                "hub.ocr.min-image-pixels", "hub.forms.fields", "hub.forms.min-confidence", "hub.forms.min-ocr-confidence");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({OcrProperties.class, AttachmentOcrProperties.class, FormProperties.class})
    static class OcrConfiguration {
    }
}
