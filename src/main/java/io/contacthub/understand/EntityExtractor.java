package io.contacthub.understand;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.contacthub.customer.PhoneNumbers;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Order and waybill numbers, phone numbers and e-mail addresses, on every channel. Waybill numbers are found three
 * ways: a carrier's number shape ({@code hub.understand.carriers}, with its check digit where one is published), a
 * configured pattern ({@code waybill-patterns}), or a number after a label ("运单号是 SF1234567890", "tracking no.:
 * …", {@code waybill-labels}), which counts even when no carrier pattern matches, at a lower confidence. Order
 * numbers likewise ({@code order-patterns}, {@code order-labels}). Every pattern runs on RE2/J, so the time spent
 * grows linearly with the text, whatever it holds.
 */
@Component
public class EntityExtractor {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    /** After a label: 是 / 为 / a colon / # or nothing, then a number with at least six digits. */
    private static final String AFTER_LABEL = "\\s*(?:是|为|:|：|#|no\\.?|number)?\\s*[:：]?\\s*([A-Za-z]{0,4}-?[0-9][0-9A-Za-z-]{5,29})";
    private static final Pattern DIGITS6 = Pattern.compile("[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*[0-9]");

    /** Confidence of a number by how it was found. */
    public static final double CHECKED = 0.98;
    public static final double CARRIER = 0.9;
    public static final double PATTERN = 0.85;
    public static final double LABELLED = 0.7;

    private final List<AnchoredScan> orderPatterns;
    private final List<AnchoredScan> waybillPatterns;
    private final Carriers carriers;
    private final AnchoredScan waybillLabel;
    private final AnchoredScan orderLabel;
    private final PhoneNumbers phoneNumbers;

    /** A number found in a text, how it was found and how sure that makes it (0..1). */
    public record Found(String kind, String value, double confidence, String how) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public EntityExtractor(UnderstandProperties properties, PhoneNumbers phoneNumbers) {
        this(properties, phoneNumbers, true);
    }

    /** @param anchored false: every pattern is a pass over the whole text (what the anchored scans are compared with) */
    EntityExtractor(UnderstandProperties properties, PhoneNumbers phoneNumbers, boolean anchored) {
        this.orderPatterns = scans(LinearPatterns.compileAll(UnderstandProperties.ORDER_PATTERNS, properties.orderPatterns()), anchored);
        this.waybillPatterns = scans(LinearPatterns.compileAll(UnderstandProperties.WAYBILL_PATTERNS, properties.waybillPatterns()),
                anchored);
        this.carriers = new Carriers(properties.carriers());
        Pattern waybills = labels("hub.understand.waybill-labels", properties.waybillLabels());
        Pattern orders = labels("hub.understand.order-labels", properties.orderLabels());
        this.waybillLabel = waybills == null ? null : AnchoredScan.of(waybills, anchored);
        this.orderLabel = orders == null ? null : AnchoredScan.of(orders, anchored);
        this.phoneNumbers = phoneNumbers;
    }

    private static List<AnchoredScan> scans(List<Pattern> patterns, boolean anchored) {
        return patterns.stream().map(p -> AnchoredScan.of(p, anchored)).toList();
    }

    public Carriers carriers() {
        return carriers;
    }

    static Pattern labels(String property, List<String> labels) {
        if (labels.isEmpty()) {
            return null;
        }
        List<String> quoted = new ArrayList<>();
        // the longest first, so "快递单号" is taken whole rather than as "单号"
        labels.stream().sorted((a, b) -> b.length() - a.length()).forEach(l -> {
            List<String> parts = new ArrayList<>();
            for (String word : l.strip().split("\\s+")) {
                parts.add(Pattern.quote(word));
            }
            String q = String.join("\\s*", parts);
            quoted.add(l.strip().matches("^[A-Za-z].*") ? "\\b" + q : q);
        });
        return LinearPatterns.compile(property, "(?i)(?:" + String.join("|", quoted) + ")" + AFTER_LABEL);
    }

    /** @param text the text to read, already cut to the scanned prefix ({@link ScannedText}) */
    public Entities extract(String text) {
        String safe = text == null ? "" : text;
        List<Found> found = numbers(safe);
        List<String> waybills = found.stream().filter(f -> f.kind().equals("waybill")).map(Found::value).toList();
        List<String> orders = found.stream().filter(f -> f.kind().equals("order")).map(Found::value)
                .filter(v -> !waybills.contains(v)).toList();
        Set<String> emails = new LinkedHashSet<>();
        if (safe.indexOf('@') >= 0) { // every address has one; most texts have none, and the pass costs per character
            Matcher email = EMAIL.matcher(safe);
            while (email.find()) {
                emails.add(email.group().toLowerCase(Locale.ROOT));
            }
        }
        return new Entities(List.copyOf(orders), List.copyOf(waybills), phoneNumbers.findAll(safe), List.copyOf(emails));
    }

    /**
     * Waybill and order numbers with how sure each is: a carrier's number passing its check digit {@value #CHECKED},
     * a carrier's shape {@value #CARRIER}, a configured pattern {@value #PATTERN}, only a label before it
     * {@value #LABELLED}. Full-width letters and digits read as ASCII ones.
     */
    public List<Found> numbers(String text) {
        String safe = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
        Map<String, Found> found = new LinkedHashMap<>();
        for (Carriers.Match m : carriers.findAll(safe)) {
            put(found, new Found("waybill", m.number(), m.checked() ? CHECKED : CARRIER, "carrier " + m.carrier()));
        }
        for (String w : matches(waybillPatterns, safe)) {
            put(found, new Found("waybill", w, carriers.identify(w).isPresent() ? CARRIER : PATTERN, "waybill pattern"));
        }
        labelled(found, waybillLabel, "waybill", safe);
        for (String o : matches(orderPatterns, safe)) {
            if (!found.containsKey(o)) {
                put(found, new Found("order", o, PATTERN, "order pattern"));
            }
        }
        labelled(found, orderLabel, "order", safe);
        return List.copyOf(found.values());
    }

    private void labelled(Map<String, Found> found, AnchoredScan label, String kind, String text) {
        if (label == null) {
            return;
        }
        for (AnchoredScan.Hit m : label.findAll(text)) {
            String value = m.group1().toUpperCase(Locale.ROOT);
            if (kind.equals("waybill") && m.start() > 0 && text.charAt(m.start() - 1) == '订') {
                continue; // "订单号" is an order number's label, not "单号"
            }
            if (!DIGITS6.matcher(value).find()) {
                continue;
            }
            Found earlier = found.get(value);
            if (earlier == null) {
                boolean carrier = kind.equals("waybill") && carriers.identify(value).isPresent();
                put(found, new Found(kind, value, carrier ? CARRIER : LABELLED, "after a label"));
            } else if (!earlier.kind().equals(kind) && earlier.confidence() <= PATTERN) {
                // "订单号：SF…" is what its label says it is, unless a carrier's shape says otherwise
                found.put(value, new Found(kind, value, LABELLED, "after a label"));
            }
        }
    }

    private static void put(Map<String, Found> found, Found f) {
        Found earlier = found.get(f.value());
        if (earlier == null || earlier.confidence() < f.confidence()) {
            found.put(f.value(), f);
        }
    }

    private static Set<String> matches(List<AnchoredScan> patterns, String text) {
        Set<String> found = new LinkedHashSet<>();
        for (AnchoredScan pattern : patterns) {
            for (AnchoredScan.Hit m : pattern.findAll(text)) {
                found.add(m.value().toUpperCase(Locale.ROOT));
            }
        }
        return found;
    }
}
