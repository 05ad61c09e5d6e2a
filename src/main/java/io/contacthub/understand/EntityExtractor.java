package io.contacthub.understand;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.contacthub.customer.PhoneNumbers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Order and waybill numbers (configured patterns), phone numbers and e-mail addresses. Every
 * pattern runs on RE2/J, so the time spent grows linearly with the text, whatever it holds.
 */
@Component
public class EntityExtractor {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final List<Pattern> orderPatterns;
    private final List<Pattern> waybillPatterns;
    private final PhoneNumbers phoneNumbers;

    public EntityExtractor(UnderstandProperties properties, PhoneNumbers phoneNumbers) {
        this.orderPatterns = LinearPatterns.compileAll(UnderstandProperties.ORDER_PATTERNS, properties.orderPatterns());
        this.waybillPatterns = LinearPatterns.compileAll(UnderstandProperties.WAYBILL_PATTERNS, properties.waybillPatterns());
        this.phoneNumbers = phoneNumbers;
    }

    /** @param text the text to read, already cut to the scanned prefix ({@link ScannedText}) */
    public Entities extract(String text) {
        String safe = text == null ? "" : text;
        Set<String> waybills = matches(waybillPatterns, safe);
        Set<String> orders = matches(orderPatterns, safe);
        orders.removeAll(waybills);
        Set<String> emails = new LinkedHashSet<>();
        Matcher email = EMAIL.matcher(safe);
        while (email.find()) {
            emails.add(email.group().toLowerCase(Locale.ROOT));
        }
        return new Entities(List.copyOf(orders), List.copyOf(waybills), phoneNumbers.findAll(safe),
                List.copyOf(emails));
    }

    private static Set<String> matches(List<Pattern> patterns, String text) {
        Set<String> found = new LinkedHashSet<>();
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String value = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
                found.add(value.toUpperCase(Locale.ROOT));
            }
        }
        return found;
    }
}
