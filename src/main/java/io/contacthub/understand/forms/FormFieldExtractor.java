package io.contacthub.understand.forms;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.contacthub.customer.PhoneNumbers;
import io.contacthub.understand.Carriers;
import io.contacthub.understand.ScannedText;
import io.contacthub.understand.UnderstandProperties;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads labelled fields ("联系人：张伟", "Weight: 12.5 kg") from the text of an order form,
 * consignment note or complaint letter, with the label vocabulary from {@link FormProperties}.
 *
 * <p>A label counts when it is followed by a colon, or stands at the start of a line or after a
 * column gap (two spaces or a table rule) and is followed by a space: OCR often loses colons, but a
 * label word inside running text ("please call my phone") is not a field. The value runs to the next
 * label on the line or the line's end; a label alone on its line takes the next line as its value.
 * Each value is read by its kind (phone, integer, weight, date, code, text) and scored:
 * confidence = label match (colon 1.0, layout only 0.75) × the value's plausibility × the page's OCR
 * confidence. Text is NFKC-normalized first, so full-width colons and digits read like ASCII ones.
 *
 * <p>At most {@code hub.understand.max-scanned-chars} characters of the text are read; labels are
 * found by {@link LabelFinder} and values read with RE2/J patterns, both in time linear in the text.
 */
@Component
public class FormFieldExtractor {

    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s\\-()]{5,}\\d");
    private static final Pattern INTEGER = Pattern.compile("\\d+");
    // "(?![a-z])" after the unit, written as a consumed non-letter or the end: RE2/J has no lookahead.
    private static final Pattern WEIGHT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(kgs?|公斤|千克|吨|tons?|t|克|g|lbs?)?(?:[^A-Za-z]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE_INTEGER = Pattern.compile("\\d+\\s*(?:件|箱|个|托|pcs|pieces|cartons|ctns)?\\.?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE_WEIGHT = Pattern.compile(
            "\\d+(?:[.,]\\d+)?\\s*(?:kgs?|公斤|千克|吨|tons?|t|克|g|lbs?)?\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-]{4,29}");
    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})");
    private static final Pattern WORDY_DATE = Pattern.compile(
            "(\\d{1,2}\\s+[A-Za-z]{3,9}\\.?,?\\s+\\d{4})|([A-Za-z]{3,9}\\.?\\s+\\d{1,2},?\\s+\\d{4})");
    private static final List<DateTimeFormatter> WORDY_FORMATS = List.of(
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH), DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d yyyy", Locale.ENGLISH), DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH));
    // Compiled once: extract runs for every ORDER contact, on every line and label hit.
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}]"); // Java's \\R
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    // table rules, underscores, stray quotes and dots OCR makes of a rule's remains or speckle beside a value
    private static final Pattern LEADING_JUNK = Pattern.compile("^[\\s|│┃_:：,，;；.。\"“”‘’'`~\\-—]+");
    private static final Pattern TRAILING_JUNK = Pattern.compile("[\\s|│┃_,，;；\"“”‘’'`~\\-—]+$");
    private static final Pattern NOT_PHONE_CHARS = Pattern.compile("[^0-9+]");
    private static final double COLON = 1.0;
    private static final double LAYOUT = 0.75;
    /** A layout-only label whose value passed a check of its kind: nearly a colon's certainty. */
    private static final double CONFIRMED_LAYOUT = 0.95;
    private static final java.util.Set<String> SELF_CHECKED_KINDS = java.util.Set.of("order", "waybill", "phone", "date", "email");
    private static final double NEXT_LINE = 0.85;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");

    // Where OCR's l/1 and o/0 confusions hide in an address's local part. Pinyin syllables end in a vowel, n, g or r,
    // never in "l", so "zhoul4" is suspect and "zhao89" is not; a 0 or 1 standing in letters ("1iu", "zh0u") is suspect,
    // and so is a 0 after an a or a u, where the pinyin finals ao and uo end ("zha09" is as likely zhao9).
    private static final Pattern CONFUSABLE_IN_DIGITS = Pattern.compile(
            "[lI][0-9]|[0-9][lIoO]|(?:^|[^A-Za-z])[oO][0-9]|(?:^|[A-Za-z._])[01][A-Za-z]|[au]0");

    private final FormProperties properties;
    private final List<Pattern> orderPatterns;
    private final Carriers carriers;
    private final PhoneNumbers phones;
    private final int maxScannedChars;
    private final LabelFinder labels;
    private final Map<String, String> fieldOfLabel = new HashMap<>();

    /** With the default scan limit of 100,000 characters, no carrier rules and phone numbers read as Chinese. */
    public FormFieldExtractor(FormProperties properties) {
        this(properties, 100_000, new Carriers(List.of()), new PhoneNumbers("CN"), List.of());
    }

    public FormFieldExtractor(FormProperties properties, UnderstandProperties understand) {
        this(properties, understand, new PhoneNumbers("CN"));
    }

    @Autowired
    public FormFieldExtractor(FormProperties properties, UnderstandProperties understand, PhoneNumbers phones) {
        this(properties, understand.maxScannedChars(), new Carriers(understand.carriers()), phones,
                io.contacthub.understand.LinearPatterns.compileAll(UnderstandProperties.ORDER_PATTERNS, understand.orderPatterns()));
    }

    FormFieldExtractor(FormProperties properties, int maxScannedChars) {
        this(properties, maxScannedChars, new Carriers(List.of()), new PhoneNumbers("CN"), List.of());
    }

    FormFieldExtractor(FormProperties properties, int maxScannedChars, Carriers carriers, PhoneNumbers phones,
                       List<Pattern> orderPatterns) {
        this.properties = properties;
        this.orderPatterns = orderPatterns;
        this.carriers = carriers;
        this.phones = phones;
        this.maxScannedChars = maxScannedChars;
        List<String> all = new ArrayList<>();
        properties.fields().forEach((field, spec) -> spec.labels().forEach(label -> {
            String key = key(label);
            if (!key.isEmpty()) {
                fieldOfLabel.putIfAbsent(key, field);
                all.add(label);
            }
        }));
        // The longest label found at a place wins, so "联系电话" beats "电话" and "Pickup Date" beats "Date".
        this.labels = new LabelFinder(all);
    }

    /**
     * @param text          the document's text (pages joined)
     * @param ocrConfidence the mean OCR confidence 0..100, or null when the text did not come from OCR
     */
    public FormFields extract(String text, Double ocrConfidence) {
        return extract(text, ocrConfidence, TextEvidence.NONE);
    }

    /**
     * @param text          the document's text (pages joined)
     * @param ocrConfidence the mean OCR confidence 0..100, or null when the text did not come from OCR
     * @param evidence      where each line's characters came from (OCR word confidences and boxes): a field is then
     *                      scored by its own words, and carries its region of the page
     */
    public FormFields extract(String text, Double ocrConfidence, TextEvidence evidence) {
        ScannedText scanned = ScannedText.prefix(text, maxScannedChars);
        // Cut again after normalizing: NFKC can make one character several.
        String normalized = ScannedText.prefix(Normalizer.normalize(scanned.text(), Normalizer.Form.NFKC), maxScannedChars).text();
        double ocr = ocrConfidence == null ? 1.0 : Math.max(0, Math.min(1, ocrConfidence / 100.0));
        Map<String, FormFields.Field> found = new LinkedHashMap<>();
        String[] lines = lines(normalized);
        for (int i = 0; i < lines.length; i++) {
            List<Hit> hits = hits(lines[i]);
            if (evidence != TextEvidence.NONE) {
                hits = withFuzzyCells(lines[i], hits); // OCR'd text only: labels with one character misread
            }
            for (int h = 0; h < hits.size(); h++) {
                Hit hit = hits.get(h);
                int end = h + 1 < hits.size() ? hits.get(h + 1).start : lines[i].length();
                String cell = lines[i].substring(Math.min(hit.valueStart, end), end);
                String raw = clean(cell);
                double labelScore = hit.score;
                int rawAt = Math.min(hit.valueStart, end) + Math.max(0, cell.indexOf(raw));
                TextEvidence.Span span = raw.isEmpty() ? null : evidence.span(i, rawAt, rawAt + raw.length());
                if (raw.isEmpty() && i + 1 < lines.length && hits(lines[i + 1]).isEmpty()) {
                    raw = clean(lines[i + 1]);
                    labelScore *= NEXT_LINE;
                    int at = Math.max(0, lines[i + 1].indexOf(raw));
                    span = evidence.span(i + 1, at, at + raw.length());
                }
                if (raw.isEmpty()) {
                    continue;
                }
                FormProperties.FieldSpec spec = properties.fields().get(hit.field);
                Value value = read(spec.kind(), raw);
                if (hit.checkedValueOnly && value.plausibility < 1.0) {
                    continue; // a two-character label guessed from one character: only a value of its shape confirms it
                }
                if (labelScore == LAYOUT && value.plausibility >= 1.0 && SELF_CHECKED_KINDS.contains(spec.kind()) && value.check != null) {
                    // a label at a cell's head without a colon (a table's layout) whose value passes its own check (the
                    // order-number pattern, a valid phone, a carrier's number, a date that exists, an e-mail address) is
                    // as sure a field as one after a colon: the value could not have that shape by chance
                    labelScore = COLON * CONFIRMED_LAYOUT;
                }
                double words = span == null ? ocr : PATTERN_FREE_KINDS.contains(spec.kind()) ? exactOcrScore(span) : ocrScore(span);
                double confidence = round(labelScore * value.plausibility * words);
                FormFields.Field field = new FormFields.Field(value.value, confidence, hit.label, raw, value.check,
                        span == null ? null : span.region());
                FormFields.Field earlier = found.get(hit.field);
                if (earlier == null || earlier.confidence() < confidence) {
                    found.put(hit.field, field);
                }
            }
        }
        String formType = formType(normalized);
        List<String> required = properties.formTypes().containsKey(formType)
                ? properties.formTypes().get(formType).required() : properties.defaultRequired();
        List<String> missing = required.stream().filter(f -> !found.containsKey(f)).toList();
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        missing.forEach(f -> reasons.add("required field " + f + " not found"));
        found.forEach((name, f) -> {
            if (f.confidence() < properties.minConfidence()) {
                // an unsure field is never sent as a value (OrderFields leaves it out); only a required one holds the form
                (required.contains(name) ? reasons : notes).add("field " + name + " read with low confidence " + f.confidence()
                        + " (\"" + f.raw() + "\")" + (required.contains(name) ? "" : "; left for staff, not sent"));
            }
        });
        if (ocrConfidence != null && ocrConfidence < properties.minOcrConfidence()) {
            reasons.add("poor OCR: mean confidence " + ocrConfidence + " below " + properties.minOcrConfidence());
        }
        if (found.isEmpty()) {
            reasons.add("no labelled fields found");
        }
        if (scanned.truncated()) {
            reasons.add("only the first " + scanned.text().length() + " of " + scanned.totalChars()
                    + " characters were read for fields (hub.understand.max-scanned-chars)");
        }
        boolean review = !reasons.isEmpty();
        reasons.addAll(notes);
        return new FormFields(formType, found, missing, review, reasons);
    }

    /** The fields a form of this type must carry (hub.forms.form-types.*.required, else default-required). */
    public List<String> required(String formType) {
        return properties.formTypes().containsKey(formType) ? properties.formTypes().get(formType).required()
                : properties.defaultRequired();
    }

    /**
     * The text's lines, as {@code LINE_BREAK.split(text)} gives them (trailing empty lines dropped). Written out
     * because the regular expression's split was 4 % of processing a mail (issue 17); FormFieldExtractorTest checks
     * both agree.
     */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        int n = lines.size();
        while (n > 1 && lines.get(n - 1).isEmpty()) { // RE2/J keeps the first, even empty (Java's split would not)
            n--;
        }
        return lines.subList(0, n).toArray(String[]::new);
    }

    /** Runs of RE2/J's {@code \s} (tab, line feed, form feed, carriage return, space) as one space, as BLANKS would. */
    static String oneBlank(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
            if (blank) {
                int end = i + 1;
                while (end < text.length() && isRe2Blank(text.charAt(end))) {
                    end++;
                }
                if (out == null && (c != ' ' || end > i + 1)) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (out != null) {
                    out.append(' ');
                }
                i = end - 1;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isRe2Blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** The configured form type whose keywords occur most often, or UNKNOWN. */
    String formType(String text) {
        String lower = oneBlank(text.toLowerCase(Locale.ROOT));
        String best = "UNKNOWN";
        int bestCount = 0;
        for (String type : properties.formTypes().keySet().stream().sorted().toList()) {
            int count = 0;
            for (String keyword : properties.formTypes().get(type).keywords()) {
                String k = keyword.toLowerCase(Locale.ROOT);
                for (int at = lower.indexOf(k); at >= 0 && !k.isEmpty(); at = lower.indexOf(k, at + k.length())) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = type;
                bestCount = count;
            }
        }
        return best;
    }

    private List<Hit> hits(String line) {
        List<Hit> hits = new ArrayList<>();
        for (LabelFinder.Found m : labels.findAll(line)) {
            int start = m.start();
            int end = m.end();
            String label = line.substring(start, end);
            String field = fieldOfLabel.get(key(label));
            if (field == null) {
                continue;
            }
            // Looked at in place, without copying the line's head and tail per hit: a long line of
            // running text has many label words, and copies and ".*" scans per hit made it quadratic.
            int separatorEnd = separatorEnd(line, end);
            int blanksBefore = trailingRegexBlanks(line, start);
            int lastBefore = start - blanksBefore - 1; // the last non-blank character before the label, or -1
            boolean afterRule = lastBefore >= 0 && isTableRule(line.charAt(lastBefore)); // ".*[|│┃]\\s*$"
            boolean lineStart = afterRule || blankBefore(line, start);
            boolean columnGap = (lastBefore >= 0 && blanksBefore >= 2) || afterRule; // ".*\\S\\s{2,}$"
            // OCR reads a colon or a cell's rule beside a label as a full stop, a quote or a bar
            boolean spaceAfter = end == line.length() || Character.isWhitespace(line.charAt(end))
                    || "|。.;；,，\"“”'‘’".indexOf(line.charAt(end)) >= 0;
            double score;
            int valueStart;
            if (separatorEnd >= 0) {
                score = COLON;
                valueStart = separatorEnd;
            } else if ((lineStart || columnGap) && spaceAfter) {
                score = LAYOUT;
                valueStart = end;
            } else {
                continue;
            }
            hits.add(new Hit(field, label.strip(), start, valueStart, score));
        }
        return hits;
    }

    private static final double FUZZY = 0.8;
    // A cell's head: a word before a colon anywhere, or a word at the line's start or after a column gap (two blanks).
    private static final Pattern COLON_HEAD = Pattern.compile("(?:^|[\\s|│┃\\[\\]“”\"'‘’._\\-—])([^\\s:：|│┃]{2,8})\\s*[:：]\\s*");
    private static final Pattern GAP_HEAD = Pattern.compile("(?:^[\\s|│┃\\[\\]“”\"'‘’._\\-—]*|\\s{2,})(\\p{Han}{2,8})\\s+");
    /** Kinds whose value checks are strict enough to confirm a two-character label read with one character wrong. */
    private static final java.util.Set<String> CHECKED_KINDS = java.util.Set.of("integer", "weight", "phone", "date", "email");

    /**
     * The exact hits of a line and, in the cells no exact hit covers, labels with one character misread: Chinese
     * labels of three characters or more with one character misread, added or lost ("客户和名称：", "投诉人人："),
     * and two-character labels with one of their two characters misread ("作数" for 件数, "重址" for 重量) when the
     * value after them passes its field's check (a count, a weight with its unit, a valid phone, a real date). Each
     * is less sure ({@value #FUZZY}) than the label read right.
     */
    private List<Hit> withFuzzyCells(String line, List<Hit> exact) {
        List<Hit> all = new ArrayList<>(exact);
        for (Pattern head : new Pattern[] {COLON_HEAD, GAP_HEAD}) {
            Matcher m = head.matcher(line);
            while (m.find()) {
                int start = m.start(1);
                int end = m.end(1);
                boolean covered = false;
                for (Hit h : all) {
                    if (start < Math.max(h.valueStart, h.start + h.label.length()) && end > h.start) {
                        covered = true;
                        break;
                    }
                }
                if (covered) {
                    continue;
                }
                Hit fuzzy = fuzzyLabel(m.group(1), start, m.end(), head == COLON_HEAD ? COLON * FUZZY : LAYOUT * FUZZY);
                if (fuzzy != null) {
                    all.add(fuzzy);
                }
            }
        }
        if (all.size() > exact.size()) {
            all.sort(java.util.Comparator.comparingInt(Hit::start));
        }
        return all;
    }

    private Hit fuzzyLabel(String head, int start, int valueStart, double score) {
        boolean han = head.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        if (!han || fieldOfLabel.containsKey(key(head))) {
            return null; // exact labels are hits() already; Latin labels are not guessed
        }
        String bestLabel = null;
        String bestField = null;
        boolean twoChar = false;
        for (Map.Entry<String, String> e : fieldOfLabel.entrySet()) {
            String label = e.getKey();
            if (!label.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                continue;
            }
            boolean near;
            if (label.length() >= 3) {
                near = distanceAtMostOne(head, label);
            } else {
                near = label.length() == 2 && head.length() == 2
                        && (head.charAt(0) == label.charAt(0)) != (head.charAt(1) == label.charAt(1))
                        && CHECKED_KINDS.contains(properties.fields().get(e.getValue()).kind());
            }
            if (!near) {
                continue;
            }
            if (bestField != null && !bestField.equals(e.getValue())) {
                return null; // two fields' labels as near: no guess
            }
            bestLabel = label;
            bestField = e.getValue();
            twoChar = label.length() == 2;
        }
        return bestField == null ? null : new Hit(bestField, bestLabel, start, valueStart, score, twoChar);
    }

    /** Levenshtein distance ≤ 1. */
    static boolean distanceAtMostOne(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }

    /** Where the value starts after {@code ^\\s*[:：]\\s*} at {@code from}, or -1 when no colon follows. */
    private static int separatorEnd(String line, int from) {
        int i = skipRegexBlanks(line, from);
        if (i == line.length() || (line.charAt(i) != ':' && line.charAt(i) != '：')) {
            return -1;
        }
        return skipRegexBlanks(line, i + 1);
    }

    private static int skipRegexBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && " \t\n\u000B\f\r".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** How many characters of regex {@code \\s} ([ \\t\\n\\x0B\\f\\r]) end {@code line} before {@code end}. */
    private static int trailingRegexBlanks(String line, int end) {
        int i = end;
        while (i > 0 && " \t\n\u000B\f\r".indexOf(line.charAt(i - 1)) >= 0) {
            i--;
        }
        return end - i;
    }

    /** {@code line.substring(0, end).isBlank()} without the copy. */
    private static boolean blankBefore(String line, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A table rule, or what OCR makes of a rule's remains or speckle at a line's start. */
    private static boolean isTableRule(char c) {
        return "|│┃[]“”\"'‘’.、_-—".indexOf(c) >= 0;
    }

    /**
     * How far the OCR of a value's own words can be trusted (0..1): their mean and their weakest word together, so one
     * doubtful character (a stamp over a digit) weighs on the field even when the rest read well.
     */
    public static double ocrScore(TextEvidence.Span span) {
        double score = (0.4 * span.meanConfidence() + 0.6 * span.minConfidence()) / 100.0;
        return Math.max(0, Math.min(1, score));
    }

    /**
     * The same for the very characters read: in a name or an e-mail address nothing but the recogniser tells an l from
     * a 1 or an o from a 0 ("wu1@" read "wul@"), so the recogniser's own doubt between them counts.
     */
    public static double exactOcrScore(TextEvidence.Span span) {
        double score = (0.4 * span.exactMean() + 0.6 * span.exactMin()) / 100.0;
        return Math.max(0, Math.min(1, score));
    }

    /** Kinds no pattern decides a look-alike character for. */
    private static final java.util.Set<String> PATTERN_FREE_KINDS = java.util.Set.of("text", "person", "party", "address", "email", "code");

    private Value read(String kind, String raw) {
        switch (kind) {
            case "phone" -> {
                Matcher m = PHONE.matcher(raw);
                if (m.find()) {
                    String digits = NOT_PHONE_CHARS.matcher(m.group()).replaceAll("");
                    int count = digits.replace("+", "").length();
                    if (count < 7 || count > 15) {
                        return new Value(digits, 0.4, "not a phone number's length");
                    }
                    // libphonenumber: a number that cannot exist (wrong length for its area code or mobile prefix) is a misreading
                    if (phones.normalize(digits).isPresent()) {
                        return new Value(digits, 1.0, "E.164");
                    }
                    // OCR drops a "+": 852 2345 6789 is valid as +852…
                    if (!digits.startsWith("+") && phones.normalize("+" + digits).isPresent()) {
                        return new Value(digits, 0.95, "E.164 with + added");
                    }
                    return new Value(digits, 0.4, "not a valid number (E.164)");
                }
                return new Value(raw, 0.3);
            }
            case "email" -> {
                Matcher m = EMAIL.matcher(raw.replace(" ", ""));
                if (m.find()) {
                    String address = m.group().toLowerCase(Locale.ROOT);
                    // "l" beside a digit in the local part is as often a misread "1" (zhoul4@ for zhou14@): not trusted
                    String local = address.substring(0, address.indexOf('@'));
                    if (CONFUSABLE_IN_DIGITS.matcher(local).find()) {
                        return new Value(address, 0.5, "e-mail address with l/1 or o/0 beside a digit");
                    }
                    return new Value(address, 1.0, "e-mail address");
                }
                return new Value(raw, 0.3, "not an e-mail address");
            }
            case "order" -> {
                boolean dollar = raw.startsWith("$");
                Matcher m = CODE.matcher(raw.replace(" ", "").replace('$', 'S'));
                if (!m.find()) {
                    return new Value(raw, 0.3);
                }
                String code = m.group().toUpperCase(Locale.ROOT);
                if (orderPatterns.isEmpty() || isOrderNumber(code)) {
                    return new Value(code, code.chars().filter(Character::isDigit).count() < 4 ? 0.5 : dollar ? 0.8 : 1.0,
                            orderPatterns.isEmpty() ? null : dollar ? "order number pattern, $ read as S" : "order number pattern");
                }
                // OCR's usual confusions in a letter prefix ($→S, 0→O, 5→S): "$0…" / "S0…" read for "SO…"
                String repaired = repairedPrefix(code);
                if (!repaired.equals(code) && isOrderNumber(repaired)) {
                    // a letter read as its look-alike digit where the pattern allows only the letter ("S0…" for "SO…")
                    // is the commonest misreading and leaves no doubt; a digit read for the letter S ("80…") is less sure
                    boolean onlyO = true;
                    for (int i = 0; i < code.length(); i++) {
                        onlyO &= code.charAt(i) == repaired.charAt(i) || code.charAt(i) == '0';
                    }
                    return new Value(repaired, onlyO ? 0.95 : 0.75, "order number pattern after reading " + code + " as " + repaired);
                }
                return new Value(code, 0.5, "no order number pattern");
            }
            case "waybill" -> {
                Matcher m = CODE.matcher(raw.replace(" ", ""));
                if (!m.find()) {
                    return new Value(raw, 0.3);
                }
                String code = m.group().toUpperCase(Locale.ROOT);
                if (carriers.isEmpty()) { // no carrier rules to check against: read as any code
                    return new Value(code, code.chars().filter(Character::isDigit).count() >= 4 ? 1.0 : 0.5);
                }
                var carrier = carriers.identify(code);
                if (carrier.isPresent()) {
                    return new Value(code, 1.0, carrier.get().checked() ? "carrier " + carrier.get().carrier() + ", check digit"
                            : "carrier " + carrier.get().carrier());
                }
                if (carriers.failsCheck(code)) {
                    return new Value(code, 0.3, "check digit wrong");
                }
                long digits = code.chars().filter(Character::isDigit).count();
                // a labelled number of no known carrier: taken, less sure
                return new Value(code, digits >= 6 ? 0.65 : 0.4, "no carrier's pattern");
            }
            case "integer" -> {
                Matcher m = INTEGER.matcher(raw);
                if (!m.find()) {
                    return new Value(raw, 0.3);
                }
                // nothing but the number (and a unit of count): "18S" is a misread, not 18
                return new Value(m.group(), WHOLE_INTEGER.matcher(raw).matches() ? 1.0 : 0.5);
            }
            case "weight" -> {
                Matcher m = WEIGHT.matcher(raw);
                if (m.find()) {
                    String number = m.group(1).replace(',', '.');
                    String unit = unit(m.group(2));
                    double whole = WHOLE_WEIGHT.matcher(raw).matches() ? 1.0 : 0.5;
                    return unit == null ? new Value(number, 0.75 * whole) : new Value(number + " " + unit, whole);
                }
                return new Value(raw, 0.3);
            }
            case "date" -> {
                return date(raw);
            }
            case "code" -> {
                Matcher m = CODE.matcher(raw.replace(" ", ""));
                if (m.find()) {
                    String code = m.group().toUpperCase(Locale.ROOT);
                    return new Value(code, code.chars().filter(Character::isDigit).count() >= 4 ? 1.0 : 0.5);
                }
                return new Value(raw, 0.3);
            }
            case "person", "party", "address" -> {
                return NameChecks.read(kind, raw.length() > 200 ? raw.substring(0, 200) : raw);
            }
            default -> {
                String value = raw.length() > 200 ? raw.substring(0, 200) : raw;
                long letters = value.codePoints().filter(c -> Character.isLetterOrDigit(c)).count();
                double ratio = value.isEmpty() ? 0 : letters / (double) value.codePointCount(0, value.length());
                return new Value(value, value.codePointCount(0, value.length()) >= 2 && ratio >= 0.5 ? 1.0 : 0.4);
            }
        }
    }

    private boolean isOrderNumber(String code) {
        for (Pattern p : orderPatterns) {
            Matcher m = p.matcher(code);
            if (m.find() && code.equals(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group())) {
                return true;
            }
        }
        return false;
    }

    /** Letters for the digit-like characters of a code's leading letters (the part before its last run of digits). */
    static String repairedPrefix(String code) {
        StringBuilder out = new StringBuilder(code.replace('$', 'S'));
        // only the first two characters, and only where a letter is followed by the confusable digit or it leads
        for (int i = 0; i < Math.min(2, out.length()); i++) {
            char c = out.charAt(i);
            boolean letterNext = i + 1 < out.length() && Character.isLetter(out.charAt(i + 1));
            boolean letterBefore = i > 0 && Character.isLetter(out.charAt(i - 1));
            if (c == '0' && (letterBefore || letterNext)) {
                out.setCharAt(i, 'O');
            } else if ((c == '5' || c == '8') && i == 0 && (letterNext || (out.length() > 1 && out.charAt(1) == '0'))) {
                out.setCharAt(i, 'S');
            }
        }
        return out.toString();
    }

    private static Value date(String raw) {
        Matcher ymd = YMD.matcher(raw);
        if (ymd.find()) {
            LocalDate d = safeDate(ymd.group(1), ymd.group(2), ymd.group(3));
            if (d != null) {
                return new Value(d.toString(), 1.0, "date exists");
            }
            return new Value(raw, 0.3, "no such date");
        }
        Matcher dmy = DMY.matcher(raw);
        if (dmy.find()) {
            int first = Integer.parseInt(dmy.group(1));
            int second = Integer.parseInt(dmy.group(2));
            // 03/04/2026 could be either order: read day first (as in China and Europe) but say so by a lower score.
            LocalDate d = first > 12 || second <= 12 ? safeDate(dmy.group(3), dmy.group(2), dmy.group(1))
                    : safeDate(dmy.group(3), dmy.group(1), dmy.group(2));
            if (d != null) {
                return new Value(d.toString(), first > 12 || second > 12 ? 1.0 : 0.7);
            }
        }
        Matcher wordy = WORDY_DATE.matcher(raw);
        if (wordy.find()) {
            String s = BLANKS.matcher(wordy.group().replace(",", " ").replace(".", "")).replaceAll(" ").trim();
            for (DateTimeFormatter f : WORDY_FORMATS) {
                try {
                    return new Value(LocalDate.parse(s, f).toString(), 1.0);
                } catch (DateTimeParseException ignored) {
                    // next format
                }
            }
        }
        return new Value(raw, 0.4);
    }

    private static LocalDate safeDate(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String unit(String unit) {
        if (unit == null) {
            return null;
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "kg", "kgs", "公斤", "千克" -> "kg";
            case "吨", "t", "ton", "tons" -> "t";
            case "克", "g" -> "g";
            default -> "lb";
        };
    }

    /** Leading/trailing blanks, table rules, underscores and stray punctuation around a value. */
    private static String clean(String s) {
        return TRAILING_JUNK.matcher(LEADING_JUNK.matcher(s).replaceAll("")).replaceAll("").strip();
    }

    private static String key(String label) {
        return BLANKS.matcher(Normalizer.normalize(label, Normalizer.Form.NFKC)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private record Hit(String field, String label, int start, int valueStart, double score, boolean checkedValueOnly) {
        Hit(String field, String label, int start, int valueStart, double score) {
            this(field, label, start, valueStart, score, false);
        }
    }

    record Value(String value, double plausibility, String check) {
        Value(String value, double plausibility) {
            this(value, plausibility, null);
        }
    }
}
