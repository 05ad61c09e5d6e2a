package io.contacthub.extract.ocr;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code ocr}: UP with Tesseract's version and languages, or
 * DEGRADED with what to install. Faxes keep coming in without it (kept un-OCR'd), so the hub is
 * degraded, not down.
 */
@Component("ocr")
class OcrHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "faxes and attached photos/scans are kept but not OCR'd");

    private final ScannedDocumentReader reader;

    OcrHealth(ScannedDocumentReader reader) {
        this.reader = reader;
    }

    @Override
    public Health health() {
        Tesseract.Status status = reader.tesseractStatus();
        if (status.ready()) {
            return Health.up().withDetail("tesseract", status.version()).withDetail("languages", reader.languages())
                    .withDetail("engine", reader.engine()).build();
        }
        String reason = "OCR unavailable (" + status.problem() + "): " + DEGRADED.getDescription();
        return Health.status(new Status(DEGRADED.getCode(), reason)).withDetail("problem", status.problem())
                .withDetail("reason", reason).withDetail("languages", reader.languages()).build();
    }
}
