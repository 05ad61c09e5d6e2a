package io.contacthub.channel.fax;

import io.contacthub.extract.ocr.OcrLine;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.understand.EntityExtractor;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormFields;
import io.contacthub.understand.forms.FormProperties;
import io.contacthub.understand.forms.TextEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How the hub reads one faxed file: OCR with the fax pre-processing ({@link ScannedDocumentReader}), the form's
 * labelled fields scored by the OCR confidence of their own words and checked against their patterns
 * ({@link FormFieldExtractor} with the page's {@link TextEvidence}), and the waybill, order number and e-mail of a
 * letter's running text ("我的运单号是 …") where the form has no such field ({@link EntityExtractor}). A field below
 * {@code hub.forms.min-confidence} is flagged: it goes to staff beside its region of the page, never to the order
 * system as a value. The fax channel and the accuracy benchmark (src/test/.../bench/FaxAccuracyBenchmark) both
 * read faxes through this class.
 */
@Component
public class FaxReading {

    private final ScannedDocumentReader reader;
    private final FormFieldExtractor forms;
    private final EntityExtractor entities;
    private final double minConfidence;
    private final FormProperties properties;

    /** Field kinds read a second time, with a whitelist of digits and Latin letters. */
    static final java.util.Set<String> REREAD = java.util.Set.of("phone", "waybill", "order", "email", "integer", "weight", "code");
    static final String WHITELIST = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.-_+";
    /** A field whose two readings differ is put below the review threshold by this much at least. */
    static final double DISAGREEING = 0.45;

    public FaxReading(ScannedDocumentReader reader, FormFieldExtractor forms, EntityExtractor entities, FormProperties properties) {
        this.reader = reader;
        this.forms = forms;
        this.entities = entities;
        this.properties = properties;
        this.minConfidence = properties.minConfidence();
    }

    /** A field as delivered: its value, confidence and whether it waits for a person. */
    public record Value(String value, double confidence, boolean flagged) {
    }

    public record Read(ReadDocument document, FormFields form) {
        public String text() {
            return document.text();
        }
    }

    /** The same, as the benchmark compares them with the truth. */
    public Map<String, Value> values(Read read) {
        Map<String, Value> values = new LinkedHashMap<>();
        read.form().fields().forEach((name, f) -> values.put(name, new Value(f.value(), f.confidence(), f.confidence() < minConfidence)));
        return values;
    }

    /**
     * @throws io.contacthub.extract.ocr.UnreadableDocumentException corrupt, encrypted, over a limit, OCR failed
     */
    public Read read(byte[] content, String fileName) {
        Map<Integer, java.awt.image.BufferedImage> images = new java.util.HashMap<>();
        ReadDocument document = reader.read(content, fileName, ScannedDocumentReader.Limits.NONE, images::put);
        if (document.waiting()) {
            return new Read(document, FaxMessageParser.waitingForm(document.waitingReason()));
        }
        FormFields form = form(document);
        // The second reading is Tesseract's: it helps Tesseract's first reading, and only lost right values behind
        // PaddleOCR's (docs/BENCHMARKS.md, "Fax accuracy").
        boolean reread = reader.tuning().reread() && reader.engine().startsWith("tesseract:");
        return new Read(document, reread ? reread(form, images) : form);
    }

    /**
     * Digits and codes read a second time from their region with a whitelist (one Tesseract call per fax for all such
     * fields): where the two readings differ, the field is flagged, whatever its confidence.
     */
    FormFields reread(FormFields form, Map<Integer, java.awt.image.BufferedImage> images) {
        List<String> names = new ArrayList<>();
        List<java.awt.image.BufferedImage> crops = new ArrayList<>();
        form.fields().forEach((name, f) -> {
            FormProperties.FieldSpec spec = properties.fields().get(name);
            String kind = spec == null ? "code" : spec.kind();
            if (f.region() == null || !REREAD.contains(kind) || f.confidence() < minConfidence || !images.containsKey(f.region().page())) {
                return;
            }
            java.awt.image.BufferedImage page = images.get(f.region().page());
            int pad = 6;
            int x = Math.max(0, f.region().x() - pad);
            int y = Math.max(0, f.region().y() - pad);
            int w = Math.min(page.getWidth() - x, f.region().width() + 2 * pad);
            int h = Math.min(page.getHeight() - y, f.region().height() + 2 * pad);
            if (w > 0 && h > 0) {
                names.add(name);
                crops.add(page.getSubimage(x, y, w, h));
            }
        });
        if (names.isEmpty()) {
            return form;
        }
        List<String> again = reader.rereadLines(crops, "eng", WHITELIST);
        Map<String, FormFields.Field> fields = new LinkedHashMap<>(form.fields());
        List<String> reasons = new ArrayList<>(form.reviewReasons());
        List<String> required = forms.required(form.formType());
        boolean review = form.needsReview();
        for (int i = 0; i < names.size(); i++) {
            FormFields.Field f = fields.get(names.get(i));
            String kind = properties.fields().containsKey(names.get(i)) ? properties.fields().get(names.get(i)).kind() : "code";
            if (!agree(kind, f, again.get(i))) {
                double lowered = Math.min(f.confidence(), DISAGREEING);
                fields.put(names.get(i), new FormFields.Field(f.value(), lowered, f.label(), f.raw(),
                        "second reading differs (\"" + again.get(i) + "\")", f.region()));
                boolean holds = required.contains(names.get(i));
                review |= holds;
                reasons.add("field " + names.get(i) + " read two ways (\"" + f.raw() + "\", \"" + again.get(i) + "\")"
                        + (holds ? "" : "; left for staff, not sent"));
            }
        }
        return new FormFields(form.formType(), fields, form.missing(), review, reasons);
    }

    /** Whether the second reading says the same: compared without blanks and case, phones and counts by their digits. */
    static boolean agree(String kind, FormFields.Field f, String again) {
        String a = normal(f.raw());
        String b = normal(again);
        if (kind.equals("phone")) {
            return !b.replaceAll("\\D", "").isEmpty() && a.replaceAll("\\D", "").equals(b.replaceAll("\\D", ""));
        }
        if (kind.equals("weight") || kind.equals("integer")) {
            // the number's digits first; a Chinese unit after it (公斤, 件) is read as anything by a digits whitelist
            String na = normal(f.value()).replaceAll("[^0-9]", "");
            String nb = b.replaceAll("[^0-9]", "");
            if (nb.isEmpty() && a.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                // the Latin whitelist turns a Chinese unit (公斤, 件) beside the number into letters and may lose the
                // digits with it: no second opinion, so the first reading's own checks stand
                return true;
            }
            return !na.isEmpty() && nb.startsWith(na);
        }
        if (kind.equals("order") || kind.equals("waybill") || kind.equals("code")) {
            // The letters of a code are held to the field's pattern already; what the second reading must confirm is
            // the digits. The whitelist reading makes an "O" of a prefix "0", "O0" or "8": so the code's last run of
            // digits is compared, and the second reading may carry before it only what a prefix "SO" is misread as
            // (up to two of 0, 5, 8): a real digit lost or added in the first reading still disagrees.
            String da = lastDigits(normal(f.value()));
            String db = lastDigits(b);
            if (da.length() >= 6 && db.endsWith(da) && db.length() <= da.length() + 2
                    && db.substring(0, db.length() - da.length()).chars().allMatch(c -> c == '0' || c == '5' || c == '8')) {
                return true;
            }
        }
        // O/0 and l/I/1 are what a whitelist reading and a page reading disagree on most; the field's own pattern
        // (an order number's "SO", a carrier's prefix) has already decided those
        return !b.isEmpty() && (fold(a).equals(fold(b)) || fold(normal(f.value())).equals(fold(b)));
    }

    private static String lastDigits(String s) {
        int end = s.length();
        while (end > 0 && !Character.isDigit(s.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isDigit(s.charAt(start - 1))) {
            start--;
        }
        return s.substring(start, end);
    }

    private static String fold(String s) {
        return s.replace('o', '0').replace('l', '1').replace('i', '1');
    }

    private static String normal(String s) {
        return java.text.Normalizer.normalize(s == null ? "" : s, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static final double WEIGHT_WITHOUT_LABEL = 0.5;

    /** The one number with a unit of weight on a page (two: which is the goods' is not known, none taken). */
    private static final java.util.regex.Pattern WEIGHT_BY_UNIT =
            java.util.regex.Pattern.compile("(?<![\\d.])(\\d{1,5}(?:\\.\\d{1,3})?)\\s*(kg|KG|Kg|公斤|千克)(?![A-Za-z])");

    FormFields form(ReadDocument document) {
        String text = document.text();
        FormFields form = forms.extract(text, document.meanConfidence(), evidence(document));
        Map<String, FormFields.Field> fields = new LinkedHashMap<>(form.fields());
        // Numbers in running text (a complaint letter): taken with the confidence of how they were found and of their words.
        for (EntityExtractor.Found found : entities.numbers(text)) {
            String field = found.kind().equals("waybill") ? "waybillNumber" : "orderNumber";
            if (!fields.containsKey(field)) {
                double ocr = wordsOf(document, text, found.value());
                fields.put(field, new FormFields.Field(found.value(), Math.round(found.confidence() * ocr * 100) / 100.0,
                        null, found.value(), found.how(), null));
            }
        }
        // A phone, e-mail or weight standing without a label we know (a label read badly): found by its own shape.
        var entityView = entities.extract(text);
        if (!fields.containsKey("email") && !entityView.emails().isEmpty()) {
            String email = entityView.emails().get(0);
            double ocr = wordsOf(document, text, email, true);
            fields.put("email", new FormFields.Field(email, Math.round(EntityExtractor.LABELLED * ocr * 100) / 100.0, null,
                    email, "e-mail address, no label", null));
        }
        if (!fields.containsKey("weight")) {
            java.util.regex.Matcher weight = WEIGHT_BY_UNIT.matcher(text);
            if (weight.find() && !WEIGHT_BY_UNIT.matcher(text.substring(weight.end())).find()) {
                String value = weight.group(1) + " " + weight.group(2);
                double ocr = wordsOf(document, text, weight.group(1));
                // Without its label it may be another weight on the page (a tare, a limit): offered to staff, flagged.
                fields.put("weight", new FormFields.Field(value, Math.round(Math.min(WEIGHT_WITHOUT_LABEL, ocr) * 100) / 100.0,
                        null, weight.group(), "a number with a unit of weight, no label", null));
            }
        }
        if (!fields.containsKey("phone")) {
            if (!entityView.phones().isEmpty()) {
                String e164 = entityView.phones().get(0);
                String printed = e164.startsWith("+86") && !text.contains("+86") ? e164.substring(3) : e164;
                double ocr = wordsOf(document, text.replaceAll("(?<=\\d)[ -](?=\\d)", ""), printed);
                fields.put("phone", new FormFields.Field(printed, Math.round(EntityExtractor.LABELLED * ocr * 100) / 100.0, null,
                        printed, "E.164, no label", null));
            }
        }
        if (fields.size() == form.fields().size()) {
            return form;
        }
        List<String> reasons = new ArrayList<>(form.reviewReasons());
        List<String> required = forms.required(form.formType());
        boolean review = form.needsReview();
        for (var e : fields.entrySet()) {
            if (!form.fields().containsKey(e.getKey()) && e.getValue().confidence() < minConfidence) {
                boolean holds = required.contains(e.getKey());
                review |= holds;
                reasons.add("field " + e.getKey() + " read with low confidence " + e.getValue().confidence() + " (\""
                        + e.getValue().raw() + "\")" + (holds ? "" : "; left for staff, not sent"));
            }
        }
        // a required field found in running text is no longer missing
        List<String> missing = form.missing().stream().filter(m -> !fields.containsKey(m)).toList();
        return new FormFields(form.formType(), fields, missing, review, reasons);
    }

    /** OCR confidence (0..1) of the words of the first line holding {@code value}; 1 when not OCR'd. */
    private static double wordsOf(ReadDocument document, String text, String value) {
        return wordsOf(document, text, value, false);
    }

    /** @param exact the characters' own confidences (no pattern decides an l from a 1 in the value) */
    private static double wordsOf(ReadDocument document, String text, String value, boolean exact) {
        TextEvidence evidence = evidence(document);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].toUpperCase(java.util.Locale.ROOT).indexOf(value);
            if (at >= 0) {
                TextEvidence.Span span = evidence.span(i, at, at + value.length());
                return span == null ? (document.meanConfidence() == null ? 1 : document.meanConfidence() / 100)
                        : exact ? FormFieldExtractor.exactOcrScore(span) : FormFieldExtractor.ocrScore(span);
            }
        }
        return document.meanConfidence() == null ? 1 : document.meanConfidence() / 100;
    }

    /** The OCR words behind each line of the document's text. */
    static TextEvidence evidence(ReadDocument document) {
        List<ReadDocument.PageLine> lines = document.lines();
        return (line, start, end) -> {
            if (line < 0 || line >= lines.size() || lines.get(line).line() == null) {
                return null;
            }
            ReadDocument.PageLine pl = lines.get(line);
            double sum = 0;
            double min = 100;
            double exactSum = 0;
            double exactMin = 100;
            int n = 0;
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = 0;
            int y1 = 0;
            for (OcrLine.Word w : pl.line().words()) {
                if (w.end() <= start || w.start() >= end) {
                    continue;
                }
                double c = Math.max(0, w.confidence());
                sum += c;
                min = Math.min(min, c);
                double e = Math.max(0, w.exactConfidence());
                exactSum += e;
                exactMin = Math.min(exactMin, e);
                n++;
                x0 = Math.min(x0, w.x());
                y0 = Math.min(y0, w.y());
                x1 = Math.max(x1, w.x() + w.width());
                y1 = Math.max(y1, w.y() + w.height());
            }
            if (n == 0) {
                return null;
            }
            return new TextEvidence.Span(sum / n, min, new TextEvidence.Region(pl.page(), x0, y0, x1 - x0, y1 - y0),
                    exactSum / n, exactMin);
        };
    }
}
