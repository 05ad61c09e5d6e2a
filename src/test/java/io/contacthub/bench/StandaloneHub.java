package io.contacthub.bench;

import io.contacthub.channel.fax.FaxReading;
import io.contacthub.customer.PhoneNumbers;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.extract.ocr.OcrTuning;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.understand.EntityExtractor;
import io.contacthub.understand.UnderstandProperties;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormProperties;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The fax reading of the hub built from the shipped application.yml without starting the application (no database):
 * for the accuracy benchmark and the in-suite accuracy sample. System properties override the file as they would the
 * application's ({@code -Dhub.ocr.tuning.deskew=false}).
 */
public final class StandaloneHub {

    private StandaloneHub() {
    }

    private static Binder binder() {
        try {
            StandardEnvironment env = new StandardEnvironment(); // system properties first, as in the application
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            yaml.forEach(env.getPropertySources()::addLast);
            return Binder.get(env);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OcrTuning tuning() {
        return binder().bind("hub.ocr.tuning", OcrTuning.class).orElseGet(OcrTuning::defaults);
    }

    public static ScannedDocumentReader reader() {
        Binder binder = binder();
        return new ScannedDocumentReader(binder.bind("hub.ocr", OcrProperties.class).get(), tuning(), new DocumentTextExtractor(200_000));
    }

    public static FaxReading faxReading(int workers) {
        Binder binder = binder();
        OcrProperties d = binder.bind("hub.ocr", OcrProperties.class).get();
        OcrProperties ocr = new OcrProperties(d.tesseract(), d.languages(), d.maxPages(), d.maxPagePixels(), d.dpi(), d.pageTimeout(),
                d.documentTimeout(), workers, 64, d.minTextLayerChars());
        UnderstandProperties understand = binder.bind("hub.understand", UnderstandProperties.class).get();
        FormProperties forms = binder.bind("hub.forms", FormProperties.class).get();
        PhoneNumbers phones = new PhoneNumbers("CN");
        return new FaxReading(new ScannedDocumentReader(ocr, tuning(), new DocumentTextExtractor(200_000)),
                new FormFieldExtractor(forms, understand, phones), new EntityExtractor(understand, phones), forms);
    }
}
