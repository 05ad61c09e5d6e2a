package io.contacthub.understand;

import io.contacthub.customer.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Order and waybill numbers (configured patterns), phone numbers and e-mail addresses. */
@Component
public class EntityExtractor {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final List<Pattern> orderPatterns;
    private final List<Pattern> waybillPatterns;
    private final PhoneNumbers phoneNumbers;

    public EntityExtractor(UnderstandProperties properties, PhoneNumbers phoneNumbers) {
        this.orderPatterns = compile(properties.orderPatterns());
        this.waybillPatterns = compile(properties.waybillPatterns());
        this.phoneNumbers = phoneNumbers;
    }

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

    private static List<Pattern> compile(List<String> patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            try {
                compiled.add(Pattern.compile(p));
            } catch (RuntimeException e) {
                throw new IllegalStateException("hub.understand pattern is not a valid regular expression: " + p, e);
            }
        }
        return compiled;
    }
}
