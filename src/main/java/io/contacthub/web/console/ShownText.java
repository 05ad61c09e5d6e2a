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
    private enum Part {
        RAW, NUMBER, CATEGORY, FIELD, FIELDS, FAX_REASONS, CHANNEL, SEVERITY, CASE_STATUS, CASE_STATUSES, ROLE, STAFF_CHANGES,
        STAFF_FIELD, LANGUAGE, REASON, STEP_ACTION, HANDOFF_STATUS, SURVEY_STATUS, TRACKING_REASON, INTENT, SHIPMENT, ERROR, KINDS, HANDOFF_ERROR, SYSTEM
    }

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
            new Rule("order request (\\S+) not accepted: (.*)", "shown.review.order.refused", Part.RAW, Part.HANDOFF_ERROR),
            new Rule("tracking question without a waybill number: answer it by hand", "shown.review.tracking.nowaybill"),
            new Rule("tracking question about (\\d+) waybills: answer it by hand", "shown.review.tracking.several", Part.RAW),
            new Rule("waybill (\\S+) is (\\S+), but the customer could not be told: (.*)", "shown.review.tracking.untold",
                    Part.RAW, Part.SHIPMENT, Part.ERROR),
            new Rule("no automatic tracking answer: (.*)", "shown.review.tracking.failed", Part.TRACKING_REASON),
            new Rule("complaint not forwarded to the complaint system: (.*)", "shown.review.complaint.failed", Part.HANDOFF_ERROR),
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
            new Rule("\\[([A-Z]+)\\] (.*)", "shown.step.contact", Part.INTENT, Part.RAW),
            new Rule("category (\\S+) -> (\\S+)", "shown.step.category", Part.CATEGORY, Part.CATEGORY),
            new Rule("severity (\\S+) -> (\\S+) \\(first response due (\\S+), resolution due (\\S+)\\)", "shown.step.severity",
                    Part.SEVERITY, Part.SEVERITY, Part.RAW, Part.RAW));

    /** Why the tracking system gave no answer the hub could pass on (backoffice/tracking TrackingHandoff). */
    private static final List<Rule> TRACKING = List.of(
            new Rule("waybill (\\S+) is unknown to the tracking system(.*)", "shown.tracking.unknown", Part.RAW, Part.RAW),
            new Rule("the tracking system answered HTTP (\\d+) for waybill (\\S+)(.*)", "shown.tracking.http", Part.RAW, Part.RAW, Part.RAW),
            new Rule("the tracking system's answer for (\\S+) is not JSON(.*)", "shown.tracking.notjson", Part.RAW, Part.RAW),
            new Rule("the tracking system's answer for (\\S+) has no status at (\\S+)(.*)", "shown.tracking.nostatus",
                    Part.RAW, Part.RAW, Part.RAW));

    /** Why a back-office system did not take a hand-off (backoffice/*): the system's own answer is quoted as it came. */
    private static final List<Rule> HANDOFF = List.of(
            new Rule("the order system refused the request \\(HTTP (\\d+)\\): (.*)", "shown.handoff.order", Part.RAW, Part.RAW),
            new Rule("the complaint system refused the case \\(HTTP (\\d+)\\): (.*)", "shown.handoff.complaint", Part.RAW, Part.RAW),
            new Rule("HTTP (\\d+) from the (order|tracking|complaint) system(.*)", "shown.handoff.http", Part.RAW, Part.SYSTEM, Part.RAW));

    /** The subjects the hub gives contacts that come without one (channel parsers). */
    private static final List<Rule> SUBJECTS = List.of(
            new Rule("Fax from (.+) \\((\\d+) pages?\\)", "shown.subject.fax", Part.RAW, Part.NUMBER),
            new Rule("Call from (.+)", "shown.subject.call", Part.RAW),
            new Rule("Voicemail from (\\S+) \\((.*)\\)", "shown.subject.voicemail.option", Part.RAW, Part.RAW),
            new Rule("Voicemail from (.+)", "shown.subject.voicemail", Part.RAW),
            new Rule("SMS from (.+)", "shown.subject.sms", Part.RAW),
            new Rule("MMS from (.+)", "shown.subject.mms", Part.RAW),
            new Rule("Letter from (.+)", "shown.subject.letter", Part.RAW),
            new Rule("Letter", "shown.subject.letter.anonymous"));

    /** Why a contact got its intent, and why a complaint its category. */
    private static final List<Rule> REASONS = List.of(
            new Rule("declared by the sender \\((\\S+)\\)", "shown.reason.declared", Part.INTENT),
            new Rule("keyword \"(.*)\"", "shown.reason.keyword", Part.RAW),
            new Rule("hint \"(.*)\"", "shown.reason.hint", Part.RAW),
            new Rule("no rule matched", "shown.reason.norule"),
            new Rule("no hint matched", "shown.reason.nohint"));

    /** A staff account's history details (web/StaffDirectory). */
    private static final List<Rule> STAFF = List.of(
            new Rule("first start, HUB_ADMIN_PASSWORD", "shown.staff.first.configured"),
            new Rule("first start, one-time password printed in the log", "shown.staff.first.generated"),
            new Rule("role (\\S+), team (.+)", "shown.staff.created.team", Part.ROLE, Part.RAW),
            new Rule("role (\\S+)", "shown.staff.created", Part.ROLE),
            new Rule("((?:display name|role|team|language|time zone|phone) .*)", "shown.staff.changed", Part.STAFF_CHANGES));

    /**
     * Refusals and validation errors the console and portal forms show (the complaint, ticket, customer and survey
     * services, the portal's forms); the API keeps answering with the English text.
     */
    private static final List<Rule> ERRORS = List.of(
            // complaint casework (complaint/ComplaintCases, web/console/CaseworkController)
            new Rule("(\\S+) needs a text \\((.*)\\)", "shown.error.step.text", Part.STEP_ACTION, Part.RAW),
            new Rule("text must be at most (\\d+) characters", "shown.error.step.long", Part.RAW),
            new Rule("cannot (\\S+) a case that is (\\S+); \\S+ is allowed when the case is (.*)", "shown.error.step.state",
                    Part.STEP_ACTION, Part.CASE_STATUS, Part.CASE_STATUSES),
            new Rule("ticket already has open complaint case (\\d+).*", "shown.error.case.open", Part.RAW),
            new Rule("ticket (\\S+) already has another open complaint case", "shown.error.case.other", Part.RAW),
            new Rule("send category and/or severity", "shown.error.change.none"),
            new Rule("category must be one of .*", "shown.error.change.category"),
            new Rule("severity must be one of .*", "shown.error.change.severity"),
            new Rule("the case is CLOSED: its SLA clocks are final; REOPEN it to change the severity", "shown.error.change.closed"),
            new Rule("amount must be a non-negative number with at most 2 decimals", "shown.error.amount"),
            new Rule("the amount (.*) is not a number.*", "shown.error.amount.nan", Part.RAW),
            new Rule("satisfaction must be 1 \\(very unhappy\\) to 5 \\(very happy\\)", "shown.error.satisfaction"),
            new Rule("currency must be an ISO 4217 code such as CNY or USD", "shown.error.currency"),
            new Rule("currency needs an amount", "shown.error.currency.amount"),
            new Rule("the follow-up time (.*) is not a date and time", "shown.error.followup", Part.RAW),
            new Rule("hand-off (\\d+) is (\\S+); only FAILED or REJECTED ones are replayed", "shown.error.handoff.replay",
                    Part.RAW, Part.HANDOFF_STATUS),
            new Rule("message (\\d+) is not FAILED \\(any more\\)", "shown.error.replay", Part.RAW),
            new Rule("message is (\\d+) bytes, over the limit of (\\d+) bytes \\(hub.intake.max-message-bytes\\); kept unprocessed",
                    "shown.error.message.size", Part.NUMBER, Part.NUMBER),
            // tickets (web/console/TicketDesk, ticket/*, notify/StaffReplies)
            new Rule("no staff member (.*)", "shown.error.staff.none", Part.RAW),
            new Rule("(.*) is deactivated and cannot be given tickets", "shown.error.staff.inactive", Part.RAW),
            new Rule("the note is empty", "shown.error.note.empty"),
            new Rule("the note is longer than (\\d+) characters", "shown.error.note.long", Part.RAW),
            new Rule("body must not be blank", "shown.error.reply.empty"),
            new Rule("ticket (\\S+) has no known customer to write to", "shown.error.reply.nocustomer", Part.RAW),
            new Rule("the customer of (\\S+) has no e-mail address", "shown.error.reply.noemail", Part.RAW),
            new Rule("the customer of (\\S+) has no phone number", "shown.error.reply.nophone", Part.RAW),
            // why a notification (or a satisfaction survey) was not sent (notify/CustomerNotifications)
            new Rule("the number has opted out of SMS \\(STOP\\)", "shown.error.notify.optedOut"),
            new Rule("automatic messages to a customer known only from a form go by e-mail only.*", "shown.error.notify.unproven"),
            new Rule("the number was only typed into a form: texts and calls go only to .*", "shown.error.notify.claimedPhone"),
            new Rule("texts and calls to region (\\S+) are not allowed .*", "shown.error.notify.region", Part.RAW),
            new Rule("this recipient already got (\\d+) automatic messages within (\\d+)h .*", "shown.error.notify.cap", Part.RAW, Part.RAW),
            new Rule("the customer cannot be reached on any channel", "shown.error.notify.unreachable"),
            new Rule("a ticket cannot be linked into itself", "shown.error.link.self"),
            new Rule("no ticket (\\S+)", "shown.error.ticket.none", Part.RAW),
            new Rule("not an e-mail address or phone number: (.*)", "shown.error.participant", Part.RAW),
            // customers and surveys (customer/*)
            new Rule("merging customers needs a supervisor", "shown.error.merge.role"),
            new Rule("a customer cannot be merged into itself", "shown.error.merge.self"),
            new Rule("no customer (\\d+)", "shown.error.customer.none", Part.RAW),
            new Rule("customer (\\d+) was already merged into customer (\\d+)", "shown.error.merge.done", Part.RAW, Part.RAW),
            new Rule("both customers have a member login; deactivate one first", "shown.error.merge.members"),
            new Rule("the preferred channel must be .* or automatic, not (.*)", "shown.error.preferred.unknown", Part.RAW),
            new Rule("the customer has no (.*), so (\\S+) cannot be their preferred channel", "shown.error.preferred.noaddress",
                    Part.KINDS, Part.CHANNEL),
            new Rule("the applicant has not yet proven .*", "shown.error.survey.unproven"),
            new Rule("the survey has no usable e-mail address or phone number", "shown.error.survey.noaddress"),
            new Rule("the login (.*) is already taken", "shown.error.survey.taken", Part.RAW),
            new Rule("this customer already has a member login", "shown.error.survey.member"),
            new Rule("no survey (\\d+)", "shown.error.survey.none", Part.RAW),
            new Rule("survey (\\d+) was already (\\S+)", "shown.error.survey.decided", Part.RAW, Part.SURVEY_STATUS),
            // the portal's forms (web/portal)
            new Rule("is required", "shown.error.required"),
            new Rule("give an e-mail address or a phone number so we can (?:reach|answer) you", "shown.error.reachable"),
            new Rule("must be (\\d+)-(\\d+) letters, digits or dashes", "shown.error.number", Part.RAW, Part.RAW),
            new Rule("is not a valid e-mail address", "shown.error.email"),
            new Rule("a member login needs an e-mail address", "shown.error.login.email"),
            new Rule("must be 3-64 letters, digits, dots, dashes or underscores", "shown.error.login.format"),
            new Rule("must be at least (\\d+) characters", "shown.error.min", Part.RAW),
            new Rule("must be at most (\\d+) characters", "shown.error.max", Part.RAW),
            new Rule("is already taken", "shown.error.taken"),
            new Rule("Too many messages from your address; please try again in a minute\\.", "shown.error.busy.messages"),
            new Rule("Too many forms from your address; please try again in a minute\\.", "shown.error.busy.forms"),
            new Rule("The service is starting or stopping; please try again in a moment\\.", "shown.error.starting"));

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
        if ("OPENED".equals(action) || "CUSTOMER_CONTACT".equals(action)) {
            return first(STEP, text);
        }
        if ("CHANGE".equals(action)) {
            return String.join("; ", Arrays.stream(text.split("; ")).map(part -> first(STEP, part)).toList());
        }
        return text;
    }

    /**
     * An error a form or an action was refused with, in the reader's language; several joined by "; " (the portal's
     * message form) are translated one by one. One no rule knows is shown as it is.
     */
    public String error(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String whole = first(ERRORS, text.trim());
        if (!whole.equals(text.trim()) || !text.contains("; ")) {
            return whole;
        }
        return String.join("; ", Arrays.stream(text.split("; ")).map(part -> first(ERRORS, part.trim())).toList());
    }

    /** Why a hand-off to the order, tracking or complaint system failed or was refused. */
    public String handoffError(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String shown = first(HANDOFF, text);
        return shown.equals(text) ? first(TRACKING, text) : shown;
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

    /** The value of such a chip: the hub's own sentences and codes translated, what was read or typed as it is. */
    public String entityValue(String key, String value) {
        if (value == null) {
            return "";
        }
        String name = key.startsWith("fields.") || key.startsWith("form.") ? key.substring(key.indexOf('.') + 1) : key;
        return switch (name) {
            case "intentReason" -> first(REASONS, value);
            case "formType" -> code("code.formType.", value);
            case "needsReview", "scanTruncated" -> code("code.bool.", value);
            case "missing" -> fieldName(value);
            case "reviewReasons" -> first(FORM, value);
            default -> value;
        };
    }

    /** A ticket's or contact's subject: the ones the hub made up ("Fax from …") in the reader's language. */
    public String subject(String subject) {
        return subject == null || subject.isBlank() ? subject : first(SUBJECTS, subject);
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

    private Object part(Part part, String value) {
        return switch (part) {
            case RAW -> value;
            case CATEGORY -> categories.list(true).stream().filter(c -> c.code().equals(value)).findFirst()
                    .map(c -> "zh".equals(locale().getLanguage()) ? c.labelZh() : c.labelEn()).orElse(value);
            case REASON -> first(REASONS, value);
            case STEP_ACTION -> code("complaint.action.", value);
            case TRACKING_REASON -> first(TRACKING, value);
            case INTENT -> code("code.intent.", value);
            case NUMBER -> Long.valueOf(value);
            case SHIPMENT -> code("code.tracking.", value);
            case ERROR -> error(value);
            case HANDOFF_ERROR -> handoffError(value);
            case SYSTEM -> code("handoff.system.", value.toUpperCase(Locale.ROOT));
            case KINDS -> String.join(messages.getMessage("shown.list.or", null, " or ", locale()),
                    Arrays.stream(value.split(" or ")).map(this::kindByEnglishLabel).toList());
            case CASE_STATUSES -> String.join(sep(), Arrays.stream(value.split(", ")).map(v -> code("code.caseStatus.", v)).toList());
            case HANDOFF_STATUS -> code("code.handoff.", value);
            case SURVEY_STATUS -> code("code.surveyStatus.", value);
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
        return messages.getMessage("shown.staff.change", new Object[] {code("shown.staff.field.", m.group(1).replace(' ', '-')),
                value.apply(m.group(1), m.group(2)), value.apply(m.group(1), m.group(3))}, change, locale());
    }

    /** An identity kind named by its English label in lower case ("phone number"), in the reader's language. */
    private String kindByEnglishLabel(String label) {
        return channels.kinds().stream().filter(k -> k.label(false).toLowerCase(Locale.ROOT).equals(label)).findFirst()
                .map(k -> k.label("zh".equals(locale().getLanguage())).toLowerCase(locale())).orElse(label);
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
        for (List<Rule> rules : List.of(REVIEW, FORM, STEP, REASONS, STAFF, ERRORS, TRACKING, SUBJECTS, HANDOFF)) {
            rules.forEach(r -> keys.add(r.key()));
        }
        return keys;
    }
}
