package io.contacthub.web.console;

import io.contacthub.descriptor.ChannelCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Texts the hub wrote for staff in English and stored as they are (review reasons such as "order request not sent to
 * the order system: missing deliveryAddress, goods", the complaint log's hub lines, staff account history, intent
 * reasons), shown in the reader's language. Each known sentence is matched here and rebuilt from a message key; the
 * codes in it (field names, channels, severities, roles) are translated too. Stored data stays as it is, so the API
 * and older rows keep working; a sentence no rule knows is shown as stored. Parts that come from outside the hub (an
 * order system's refusal, a network error) stay as they came: they are quoted, not translated.
 * In a template: {@code ${@shownText.reviewReasons(t.reviewReason)}}.
 */
@Component("shownText")
public class ShownText {

    /** How a matched group is shown: as is, or translated as a code of some kind. */
    private enum Part { RAW, CATEGORY, FIELD, FIELDS, FAX_REASONS, CHANNEL, SEVERITY, CASE_STATUS, ROLE, STAFF_CHANGES, STAFF_FIELD, LANGUAGE, REASON }

    private record Rule(Pattern pattern, String key, Part... parts) {
        Rule(String regex, String key, Part... parts) {
            this(Pattern.compile(regex, Pattern.DOTALL), key, parts);
        }
    }

    /** A ticket's review reasons (TicketReview.flag callers, TicketThreading). */
    private static final List<Rule> REVIEW = List.of(
            new Rule("order request not sent to the order system: missing (.+)", "shown.review.order.missing", Part.FIELDS),
            new Rule("order request not sent to the order system: the fax needs checking \\((.*)\\)", "shown.review.order.fax",
                    Part.FAX_REASONS),
            new Rule("order request (\\S+) not accepted: (.*)", "shown.review.order.refused", Part.RAW, Part.RAW),
            new Rule("tracking question without a waybill number: answer it by hand", "shown.review.tracking.nowaybill"),
            new Rule("tracking question about (\\d+) waybills: answer it by hand", "shown.review.tracking.several", Part.RAW),
            new Rule("waybill (\\S+) is (\\S+), but the customer could not be told: (.*)", "shown.review.tracking.untold",
                    Part.RAW, Part.RAW, Part.RAW),
            new Rule("no automatic tracking answer: (.*)", "shown.review.tracking.failed", Part.RAW),
            new Rule("complaint not forwarded to the complaint system: (.*)", "shown.review.complaint.failed", Part.RAW),
            new Rule("quotes (\\S+), but the sender is not proven to be its customer: link it if it belongs there",
                    "shown.review.quotes", Part.RAW));

    /** A scanned form's review reasons (understand/forms FormFieldExtractor, channel/fax FaxMessageParser). */
    private static final List<Rule> FORM = List.of(
            new Rule("required field (\\S+) not found", "shown.form.missing", Part.FIELD),
            new Rule("field (\\S+) read with low confidence (\\S+) \\(\"(.*)\"\\)", "shown.form.unsure", Part.FIELD, Part.RAW, Part.RAW),
            new Rule("poor OCR: mean confidence (\\S+) below (\\S+)", "shown.form.poorocr", Part.RAW, Part.RAW),
            new Rule("no labelled fields found", "shown.form.nofields"),
            new Rule("only the first (\\d+) of (\\d+) characters were read for fields.*", "shown.form.truncated", Part.RAW, Part.RAW),
            new Rule("the provider reported (\\d+) pages, the file has (\\d+): pages may be missing", "shown.form.pages",
                    Part.RAW, Part.RAW));

    /** The hub's own lines in a complaint's case log (complaint/ComplaintCases). */
    private static final List<Rule> STEP = List.of(
            new Rule("opened by (\\S+) message (\\d+): category (\\S+) \\((.*)\\), severity (\\S+) \\(urgent contact\\)",
                    "shown.step.opened.urgent", Part.CHANNEL, Part.RAW, Part.CATEGORY, Part.REASON, Part.SEVERITY),
            new Rule("opened by (\\S+) message (\\d+): category (\\S+) \\((.*)\\), severity (\\S+) \\(default\\)",
                    "shown.step.opened", Part.CHANNEL, Part.RAW, Part.CATEGORY, Part.REASON, Part.SEVERITY),
            new Rule("category (\\S+) -> (\\S+)", "shown.step.category", Part.CATEGORY, Part.CATEGORY),
            new Rule("severity (\\S+) -> (\\S+) \\(first response due (\\S+), resolution due (\\S+)\\)", "shown.step.severity",
                    Part.SEVERITY, Part.SEVERITY, Part.RAW, Part.RAW));

    /** Why a contact got its intent, and why a complaint its category. */
    private static final List<Rule> REASONS = List.of(
            new Rule("keyword \"(.*)\"", "shown.reason.keyword", Part.RAW),
            new Rule("hint \"(.*)\"", "shown.reason.hint", Part.RAW),
            new Rule("no rule matched", "shown.reason.norule"),
            new Rule("no hint matched", "shown.reason.nohint"));

    /** A staff account's history details (web/StaffDirectory). */
    private static final List<Rule> STAFF = List.of(
            new Rule("role (\\S+), team (.+)", "shown.staff.created.team", Part.ROLE, Part.RAW),
            new Rule("role (\\S+)", "shown.staff.created", Part.ROLE),
            new Rule("((?:display name|role|team|language|time zone|phone) .*)", "shown.staff.changed", Part.STAFF_CHANGES));

    private static final Pattern UNSURE_FIELD = Pattern.compile("(\\S+) \\(unsure: \"(.*)\"\\)", Pattern.DOTALL);
    private static final Pattern STAFF_CHANGE = Pattern.compile("(display name|role|team|language|time zone|phone) (.*) → (.*)");

    private final MessageSource messages;
    private final ChannelCatalog channels;
    private final io.contacthub.complaint.ComplaintCategories categories;

    ShownText(MessageSource messages, ChannelCatalog channels, io.contacthub.complaint.ComplaintCategories categories) {
        this.messages = messages;
        this.channels = channels;
        this.categories = categories;
    }

    /** A ticket's review reason, one line per reason, in the reader's language. */
    public List<String> reviewReasons(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split("\n")).filter(l -> !l.isBlank()).map(l -> first(REVIEW, l.trim())).toList();
    }

    /** The same, as one line (the queue's flag). */
    public String reviewReason(String stored) {
        return String.join(" · ", reviewReasons(stored));
    }

    /** A complaint case log line: the hub's own sentences translated, what staff or customers wrote as written. */
    public String stepText(String action, String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        if ("OPENED".equals(action)) {
            return first(STEP, text);
        }
        if ("CHANGE".equals(action)) {
            return String.join("; ", Arrays.stream(text.split("; ")).map(part -> first(STEP, part)).toList());
        }
        return text;
    }

    /** The detail of a staff account's history entry. */
    public String staffDetail(String detail) {
        return detail == null || detail.isBlank() ? detail : first(STAFF, detail);
    }

    /** A chip on a timeline contact: what the hub found ({@code orderNumbers}, a form field, intentReason ...). */
    public String entityName(String key) {
        String name = key.startsWith("fields.") || key.startsWith("form.") ? key.substring(key.indexOf('.') + 1) : key;
        String label = msgOrNull("shown.entity." + name);
        return label != null ? label : fieldName(name);
    }

    /** The value of such a chip; the intent reason is a sentence of the hub's and translated. */
    public String entityValue(String key, String value) {
        return "intentReason".equals(key) ? first(REASONS, value) : value;
    }

    /** A form field's name as staff know it (deliveryAddress: 收货地址 / delivery address); unknown: as named. */
    public String fieldName(String field) {
        String label = msgOrNull("shown.field." + field);
        return label == null ? field : label;
    }

    private String first(List<Rule> rules, String text) {
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            if (m.matches()) {
                Object[] args = new Object[rule.parts().length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = part(rule.parts()[i], m.group(i + 1));
                }
                return messages.getMessage(rule.key(), args, text, locale());
            }
        }
        return text;
    }

    private String part(Part part, String value) {
        return switch (part) {
            case RAW -> value;
            case CATEGORY -> categories.list(true).stream().filter(c -> c.code().equals(value)).findFirst()
                    .map(c -> "zh".equals(locale().getLanguage()) ? c.labelZh() : c.labelEn()).orElse(value);
            case REASON -> first(REASONS, value);
            case FIELD -> fieldName(value);
            case FIELDS -> String.join(sep(), Arrays.stream(value.split(", ")).map(this::missingField).toList());
            case FAX_REASONS -> String.join("; ", Arrays.stream(value.split("; ")).map(r -> first(FORM, r)).toList());
            case CHANNEL -> channels.label(value, locale());
            case SEVERITY -> code("code.severity.", value);
            case CASE_STATUS -> code("code.caseStatus.", value);
            case ROLE -> code("staff.role.", value);
            case LANGUAGE -> code("code.language.", value);
            case STAFF_FIELD -> code("shown.staff.field.", value.replace(' ', '-'));
            case STAFF_CHANGES -> String.join(sep(), Arrays.stream(value.split(", (?=(display name|role|team|language|time zone|phone) )"))
                    .map(this::staffChange).toList());
        };
    }

    private String missingField(String item) {
        Matcher unsure = UNSURE_FIELD.matcher(item);
        if (unsure.matches()) {
            return messages.getMessage("shown.field.unsure", new Object[] {fieldName(unsure.group(1)), unsure.group(2)}, item, locale());
        }
        return fieldName(item);
    }

    private String staffChange(String change) {
        Matcher m = STAFF_CHANGE.matcher(change);
        if (!m.matches()) {
            return change;
        }
        BiFunction<String, String, String> value = (field, v) -> switch (field) {
            case "role" -> "-".equals(v) ? v : code("staff.role.", v);
            case "language" -> "-".equals(v) ? v : code("code.language.", v);
            default -> v;
        };
        return messages.getMessage("shown.staff.change", new Object[] {part(Part.STAFF_FIELD, m.group(1)),
                value.apply(m.group(1), m.group(2)), value.apply(m.group(1), m.group(3))}, change, locale());
    }

    private String code(String prefix, String value) {
        String label = msgOrNull(prefix + value);
        return label == null ? value : label;
    }

    private String sep() {
        return messages.getMessage("shown.list.separator", null, ", ", locale());
    }

    private String msgOrNull(String key) {
        return messages.getMessage(key, null, null, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    /** For tests: every key the rules use. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (List<Rule> rules : List.of(REVIEW, FORM, STEP, REASONS, STAFF)) {
            rules.forEach(r -> keys.add(r.key()));
        }
        return keys;
    }
}
