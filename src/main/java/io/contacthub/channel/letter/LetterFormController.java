package io.contacthub.channel.letter;

import io.contacthub.customer.PhoneNumbers;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.IntakeProperties;
import io.contacthub.intake.MessageQueries;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's form for logging a letter or an offline contact ({@code /console/letters/new}, staff only like
 * all of {@code /console/**}, CSRF-protected). Staff choose the kind, type who it is from as the letter or the
 * visitor gives it, add the text or a note and the scanned pages, and may name the ticket it continues. To make
 * it an existing customer's contact they look the customer up and vouch for one of that customer's identities,
 * saying how they checked; the contact then joins that customer's tickets like any proven contact. The form's
 * one-time token is the message's key: a double submit is one contact. Processed while staff wait, so the answer
 * is the ticket (or the reason a scan could not be read).
 */
@Controller
class LetterFormController {

    private static final Logger log = LoggerFactory.getLogger(LetterFormController.class);

    /** Identity kinds staff may vouch for (those a letter's or visitor's sender can have). */
    static final Set<String> VOUCHABLE_KINDS = Set.of("EMAIL", "PHONE", "FAX");
    static final Pattern TICKET_REF = Pattern.compile("\\[?#?\\s*(CH-\\d{6,})\\s*]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(90);

    private final LetterMapper mapper;
    private final ProducerTemplate producer;
    private final MessageQueries messages;
    private final CamelContext camel;
    private final CustomerLookup lookup;
    private final PhoneNumbers phones;
    private final LetterSettings settings;
    private final long maxRawBytes;
    private final MessageSource text;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    LetterFormController(LetterMapper mapper, ProducerTemplate producer, MessageQueries messages, CamelContext camel,
                         CustomerLookup lookup, PhoneNumbers phones, LetterSettings settings, IntakeProperties intake,
                         MessageSource text, com.fasterxml.jackson.databind.ObjectMapper json,
                         @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize servletMaxFile,
                         @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize servletMaxRequest) {
        this.mapper = mapper;
        this.producer = producer;
        this.messages = messages;
        this.camel = camel;
        this.lookup = lookup;
        this.phones = phones;
        this.settings = settings;
        this.maxRawBytes = intake.maxMessageBytes().toBytes();
        this.text = text;
        this.json = json;
        checkUploadLimits(settings.maxFileBytes(), servletMaxFile, servletMaxRequest);
    }

    /**
     * A scan the hub allows must get through the servlet's multipart limits, or staff would meet the servlet's
     * refusal instead of the form's explanation: stops the start otherwise. A negative servlet limit is unlimited.
     */
    static void checkUploadLimits(DataSize letterMax, DataSize servletMaxFile, DataSize servletMaxRequest) {
        long file = letterMax.toBytes();
        for (Map.Entry<String, DataSize> limit : List.of(Map.entry("spring.servlet.multipart.max-file-size", servletMaxFile),
                Map.entry("spring.servlet.multipart.max-request-size", servletMaxRequest))) {
            if (limit.getValue().toBytes() >= 0 && limit.getValue().toBytes() <= file) {
                throw new IllegalStateException("hub.letter.max-file-bytes (" + file + " bytes) must be below " + limit.getKey()
                        + " (" + limit.getValue().toBytes() + " bytes), or the console cannot take the scans it allows");
            }
        }
    }

    /** The console's top bar names the signed-in staff member (the console's own pages get it from their advice). */
    @ModelAttribute("me")
    String me(Principal staff) {
        return staff == null ? "" : staff.getName();
    }

    @GetMapping("/console/letters/new")
    String form(@RequestParam(required = false) String q, @RequestParam(required = false) String ticket, Model model) {
        LetterForm form = LetterForm.empty(ticket == null ? null : ticket.strip()).withToken(UUID.randomUUID().toString());
        String search = q != null && !q.isBlank() ? q : ticket;
        show(model, new LetterForm(form.token(), form.kind(), null, null, null, null, null, form.ticket(), null, null, null, search),
                Map.of());
        return "console/letter";
    }

    /** The customer lookup, as the form's fragment (htmx swaps it into the form; without script the page reloads). */
    @GetMapping("/console/letters/lookup")
    String lookup(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("form", new LetterForm(null, null, null, null, null, null, null, null, null, null, null, q));
        model.addAttribute("found", lookup.find(q));
        model.addAttribute("checks", Arrays.asList(IdentityCheck.values()));
        return "console/letter :: lookup";
    }

    @PostMapping(path = "/console/letters", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String submit(@ModelAttribute("form") LetterForm form, @RequestParam(name = "scan", required = false) MultipartFile upload,
                  Principal staff, Locale locale, Model model, RedirectAttributes flash, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        LetterEntry entry = entry(form, upload, locale, errors);
        if (entry == null) {
            response.setStatus(400);
            show(model, form, errors);
            return "console/letter";
        }
        if (!camel.getStatus().isStarted()) {
            response.setStatus(503);
            show(model, form, Map.of("form", say(locale, "letter.error.starting")));
            return "console/letter";
        }
        InboundMessage inbound = mapper.toInbound(entry, staff.getName(), Instant.now());
        if (inbound.raw().length > maxRawBytes) {
            response.setStatus(400);
            show(model, form, Map.of("scan", say(locale, "letter.error.raw", inbound.raw().length, maxRawBytes)));
            return "console/letter";
        }
        Optional<MessageQueries.MessageView> earlier = messages.findByExternalId(inbound.channel(), inbound.externalId());
        if (earlier.isPresent() && !sameEntry(earlier.get().id(), entry)) {
            // The token was used for another letter (the browser's back button): this one is not that one.
            response.setStatus(409);
            show(model, form.withToken(UUID.randomUUID().toString()), Map.of("form", say(locale, "letter.error.reused",
                    earlier.get().ref() == null ? "#" + earlier.get().id() : earlier.get().ref())));
            return "console/letter";
        }
        producer.sendBody("direct:letter-in", inbound);
        MessageQueries.MessageView stored = settled(inbound);
        log.info("letter {} logged by {}: message {} {}{}", inbound.externalId(), staff.getName(), stored.id(), stored.status(),
                stored.ref() == null ? "" : " on " + stored.ref());
        switch (stored.status()) {
            case "PROCESSED" -> {
                flash.addFlashAttribute("notice", "letter.logged");
                return "redirect:/console/tickets/" + stored.ref();
            }
            case "RECEIVED" -> {
                response.setStatus(202);
                show(model, LetterForm.empty(null).withToken(UUID.randomUUID().toString()),
                        Map.of("form", say(locale, "letter.error.waiting", String.valueOf(stored.id()))));
                return "console/letter";
            }
            default -> {
                // FAILED (a scan that cannot be read) or IGNORED: kept, with the reason; the form stays filled in.
                response.setStatus(422);
                show(model, form.withToken(UUID.randomUUID().toString()), Map.of("form", say(locale,
                        "FAILED".equals(stored.status()) ? "letter.error.failed" : "letter.error.ignored",
                        String.valueOf(stored.id()), stored.reason())));
                return "console/letter";
            }
        }
    }

    /** The form checked and turned into an entry; null with {@code errors} filled in when something is wrong. */
    private LetterEntry entry(LetterForm form, MultipartFile upload, Locale locale, Map<String, String> errors) {
        String token = trimmed(form.token());
        if (token == null || !TOKEN.matcher(token).matches()) {
            errors.put("form", say(locale, "letter.error.token"));
        }
        Optional<LetterKind> kind = LetterKind.parse(form.kind());
        if (kind.isEmpty()) {
            errors.put("kind", say(locale, "letter.error.kind"));
        }
        String name = limited(form.name(), 200, "name", locale, errors);
        String subject = limited(form.subject(), 200, "subject", locale, errors);
        String body = limited(form.text(), 20_000, "text", locale, errors);
        String email = limited(form.email(), 254, "email", locale, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.put("email", say(locale, "letter.error.email"));
        }
        String phone = limited(form.phone(), 40, "phone", locale, errors);
        if (phone != null) {
            Optional<String> e164 = phones.normalize(phone);
            if (e164.isEmpty()) {
                errors.put("phone", say(locale, "letter.error.phone"));
            }
            phone = e164.orElse(phone);
        }
        String intent = trimmed(form.intent());
        if (intent != null) {
            intent = intent.toUpperCase(Locale.ROOT);
            if (!LetterMessageParser.INTENTS.contains(intent)) {
                errors.put("intent", say(locale, "letter.error.intent"));
            }
        }
        LetterEntry.Vouch vouch = vouch(form, locale, errors);
        String ticket = ticket(form.ticket(), vouch, locale, errors);
        LetterEntry.Scan scan = scan(upload, locale, errors);
        if (body == null && scan == null && !errors.containsKey("scan")) {
            errors.put("text", say(locale, "letter.error.empty"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new LetterEntry(token, kind.orElseThrow(), name, email, phone, subject, body, ticket, intent, vouch, scan);
    }

    private LetterEntry.Vouch vouch(LetterForm form, Locale locale, Map<String, String> errors) {
        String choice = trimmed(form.vouch());
        if (choice == null) {
            return null;
        }
        String[] parts = choice.split(":", 3);
        if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !VOUCHABLE_KINDS.contains(parts[1])
                || !lookup.owns(Long.parseLong(parts[0]), parts[1], parts[2])) {
            errors.put("vouch", say(locale, "letter.error.vouch"));
            return null;
        }
        Optional<IdentityCheck> checked = IdentityCheck.parse(form.checked());
        if (checked.isEmpty()) {
            errors.put("checked", say(locale, "letter.error.checked"));
            return null;
        }
        return new LetterEntry.Vouch(Long.parseLong(parts[0]), parts[1], parts[2], checked.get());
    }

    /**
     * The ticket staff named, if it exists. With a vouched customer it must be theirs (a letter from customer A is
     * not added to customer B's ticket); without one, the contact quotes it and threading decides (see README).
     */
    private String ticket(String typed, LetterEntry.Vouch vouch, Locale locale, Map<String, String> errors) {
        String t = trimmed(typed);
        if (t == null) {
            return null;
        }
        Matcher m = TICKET_REF.matcher(t);
        if (!m.matches()) {
            errors.put("ticket", say(locale, "letter.error.ticket.format"));
            return null;
        }
        String ref = m.group(1).toUpperCase(Locale.ROOT);
        Optional<CustomerLookup.TicketOwner> owner = lookup.ticket(ref);
        if (owner.isEmpty()) {
            errors.put("ticket", say(locale, "letter.error.ticket.unknown", ref));
            return null;
        }
        if (vouch != null && (owner.get().customerId() == null || owner.get().customerId() != vouch.customerId())) {
            errors.put("ticket", say(locale, "letter.error.ticket.other", ref,
                    owner.get().customerId() == null ? "-" : "#" + owner.get().customerId(), "#" + vouch.customerId()));
            return null;
        }
        return ref;
    }

    private LetterEntry.Scan scan(MultipartFile upload, Locale locale, Map<String, String> errors) {
        if (upload == null || upload.isEmpty()) {
            return null;
        }
        long max = settings.maxFileBytes().toBytes();
        if (upload.getSize() > max) {
            errors.put("scan", say(locale, "letter.error.scan.size", upload.getSize(), max));
            return null;
        }
        byte[] content;
        try {
            content = upload.getBytes();
        } catch (IOException e) {
            errors.put("scan", say(locale, "letter.error.scan.read"));
            return null;
        }
        String name = LetterMapper.fileName(upload.getOriginalFilename());
        String type = ScannedDocumentReader.detect(content, name);
        if (!LetterMessageParser.ALLOWED_TYPES.contains(type)) {
            errors.put("scan", say(locale, "letter.error.scan.type", type));
            return null;
        }
        return new LetterEntry.Scan(name, upload.getContentType(), content);
    }

    /** Whether the message already stored under this form's token holds what was entered now (a double submit). */
    private boolean sameEntry(long messageId, LetterEntry entry) {
        return messages.raw(messageId).map(raw -> {
            try {
                return LetterMapper.fingerprint(entry).equals(LetterEnvelope.read(json, raw.bytes()).fingerprint());
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    /**
     * The message once processing has settled it. Normally at once (processed in this thread); a double click's
     * second request finds the first still being read and waits for it.
     */
    private MessageQueries.MessageView settled(InboundMessage inbound) {
        Instant until = Instant.now().plus(SETTLE_WAIT);
        MessageQueries.MessageView view = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        while ("RECEIVED".equals(view.status()) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            view = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        }
        return view;
    }

    private void show(Model model, LetterForm form, Map<String, String> errors) {
        model.addAttribute("form", form.token() == null ? form.withToken(UUID.randomUUID().toString()) : form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", Arrays.asList(LetterKind.values()));
        model.addAttribute("checks", Arrays.asList(IdentityCheck.values()));
        model.addAttribute("intents", List.of("GENERAL", "TRACKING", "ORDER", "COMPLAINT"));
        model.addAttribute("maxFileBytes", settings.maxFileBytes().toBytes());
        List<CustomerLookup.Found> found = List.of();
        String vouch = trimmed(form.vouch());
        if (vouch != null && vouch.matches("\\d{1,18}:.*")) {
            found = lookup.customer(Long.parseLong(vouch.substring(0, vouch.indexOf(':'))), "#").map(List::of).orElse(List.of());
        } else if (trimmed(form.q()) != null) {
            found = lookup.find(form.q());
        }
        model.addAttribute("found", found);
    }

    private String limited(String value, int max, String field, Locale locale, Map<String, String> errors) {
        String v = trimmed(value);
        if (v != null && v.length() > max) {
            errors.put(field, say(locale, "letter.error.long", max));
        }
        return v;
    }

    private String say(Locale locale, String key, Object... args) {
        return text.getMessage(key, args, key, locale);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
