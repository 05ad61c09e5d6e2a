package io.contacthub.channel.fax;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.bench.FaxAccuracyBenchmark;
import io.contacthub.bench.FaxForms;
import io.contacthub.bench.StandaloneHub;
import io.contacthub.understand.forms.FormFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The fax reading on generated fax pages (src/test/.../bench/FaxForms: realistic forms, skew, line noise, stamps) —
 * a small fixed-seed sample of the accuracy benchmark (docs/BENCHMARKS.md, "Fax accuracy"), with the real OCR the build ships (PaddleOCR
 * models, Tesseract installed).
 */
class FaxReadingAccuracyTest {

    private static final long SEED = 16;
    private final FaxReading reading = StandaloneHub.faxReading(2);

    private record Tally(int fields, int right, int wrongUnflagged) {
    }

    private Tally tally(int ydpi, int pages) {
        int fields = 0;
        int right = 0;
        int wrongUnflagged = 0;
        for (int i = 0; i < pages; i++) {
            FaxForms.Page page = FaxForms.page(SEED, i, FaxForms.Degradation.fax(ydpi));
            Map<String, FaxReading.Value> values = reading.values(reading.read(page.tiff(), "fax.tif"));
            for (var truth : page.fields().entrySet()) {
                fields++;
                FaxReading.Value v = values.get(truth.getKey());
                boolean same = v != null && FaxAccuracyBenchmark.same(truth.getKey(), truth.getValue(), v.value());
                if (same && !v.flagged()) {
                    right++;
                } else if (!same && v != null && !v.flagged()) {
                    wrongUnflagged++;
                }
            }
        }
        return new Tally(fields, right, wrongUnflagged);
    }

    /**
     * What the reading reaches today on ten standard-resolution pages with noise and skew (measured: see
     * docs/BENCHMARKS.md); a change that reads worse fails here. The target (90 %) is the disabled test below.
     */
    @Test
    void tenStandardResolutionPagesWithNoiseAndSkewKeepTheMeasuredAccuracyAndFlagAlmostEveryMisread() {
        Tally t = tally(98, 10);
        assertThat(t.right() / (double) t.fields()).as("fields right and sent unflagged").isGreaterThanOrEqualTo(0.85); // measured 0.89 on these ten pages (0.39 with Tesseract)
        assertThat(t.wrongUnflagged()).as("fields wrong but not flagged, of " + t.fields()).isLessThanOrEqualTo(2);
    }

    @Disabled("issue 16's target, not reached yet: docs/BENCHMARKS.md 'Fax accuracy' has the measured figures")
    @Test
    void tenStandardResolutionPagesWithNoiseAndSkewReachTheTarget() {
        Tally t = tally(98, 10);
        assertThat(t.right() / (double) t.fields()).isGreaterThanOrEqualTo(0.90);
        assertThat(t.wrongUnflagged() / (double) t.fields()).isLessThanOrEqualTo(0.005);
    }

    @Test
    void aStandardResolutionChineseComplaintYieldsItsWaybillAndPhone() {
        // page 12 of the series: a Chinese complaint letter (Noto Serif, 11.5 pt), waybill in running text "我的运单号是 …"
        FaxForms.Page page = FaxForms.page(SEED, 12, new FaxForms.Degradation(98, 1.0, 0.005, 0.005, true, 0));
        assertThat(page.kind()).isEqualTo(FaxForms.Kind.COMPLAINT_ZH);
        Map<String, FaxReading.Value> values = reading.values(reading.read(page.tiff(), "fax.tif"));
        assertThat(values.get("waybillNumber")).as(values.toString()).isNotNull();
        assertThat(values.get("waybillNumber").value()).isEqualTo(page.fields().get("waybillNumber"));
        assertThat(values.get("phone")).as(values.toString()).isNotNull();
        assertThat(values.get("phone").value().replaceAll("\\D", "")).isEqualTo(page.fields().get("phone"));
    }

    @Test
    void aStampOverAFieldNeverGivesAConfidentWrongValue() {
        List<String> confidentWrong = new ArrayList<>();
        int stamped = 0;
        for (int i = 0; i < 40 && stamped < 6; i++) {
            FaxForms.Page page = FaxForms.page(SEED, i, new FaxForms.Degradation(196, 3.0, 0.005, 0.01, true, 1.0));
            if (page.stamped() == null) {
                continue;
            }
            stamped++;
            FaxReading.Value v = reading.values(reading.read(page.tiff(), "fax.tif")).get(page.stamped());
            String truth = page.fields().get(page.stamped());
            if (v != null && !v.flagged() && !FaxAccuracyBenchmark.same(page.stamped(), truth, v.value())) {
                confidentWrong.add(page.stamped() + ": " + v.value() + " for " + truth);
            }
        }
        assertThat(stamped).isGreaterThanOrEqualTo(3);
        assertThat(confidentWrong).isEmpty();
    }

    @Test
    void aFieldsRegionPointsIntoThePagePreparedAgainSoStaffSeeItsCutOut() throws Exception {
        FaxForms.Page page = FaxForms.page(SEED, 1, FaxForms.Degradation.fax(196)); // an English order form
        FaxReading.Read read = reading.read(page.tiff(), "fax.tif");
        FormFields.Field phone = read.form().fields().get("phone");
        assertThat(phone).isNotNull();
        assertThat(phone.region()).isNotNull();
        var again = StandaloneHub.reader().preparedPage(page.tiff(), "fax.tif", phone.region().page()).orElseThrow();
        assertThat(again.getWidth()).isEqualTo(read.document().pages().get(0).width());
        assertThat(again.getHeight()).isEqualTo(read.document().pages().get(0).height());
        var cut = FaxFieldImages.cut(again, phone.region().x(), phone.region().y(), phone.region().width(), phone.region().height());
        assertThat(cut.getWidth()).isGreaterThan(phone.region().width());
        assertThat(cut.getHeight()).isGreaterThan(phone.region().height()).isLessThan(again.getHeight() / 4);
        // the cut-out holds the value: dark pixels inside it
        int dark = 0;
        for (int y = 0; y < cut.getHeight(); y++) {
            for (int x = 0; x < cut.getWidth(); x++) {
                dark += (cut.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(100);
    }

    @Test
    void aMisreadFieldIsFlaggedSoTheFormNeedsReviewAndTheOrderRequestWaits() {
        // a phone number that cannot exist (a misread digit count) on an otherwise clean order form
        FormFields form = reading.form(new io.contacthub.extract.ocr.ReadDocument("image/tiff", 1, List.of(
                new io.contacthub.extract.ocr.OcrPage(1, String.join("\n", "TRANSPORT ORDER FORM", "Company Name: Harbour Freight Ltd",
                        "Phone: 139 1234 567", "Pieces: 8"), 91.0, "tesseract:chi_sim+eng", 100, 100)), null));
        FormFields.Field phone = form.fields().get("phone");
        assertThat(phone.confidence()).isLessThan(0.6);
        assertThat(phone.check()).contains("not a valid number");
        // OrderRequests sends nothing while the read form needs review, and OrderFields keeps a field under
        // hub.forms.min-confidence out of the request as "unsure" (FaxOrderTest covers the sent case).
        assertThat(form.needsReview()).isTrue();
        assertThat(form.reviewReasons()).anyMatch(r -> r.contains("phone"));
    }
}
