package io.contacthub.web.portal;

import io.contacthub.complaint.CustomerCases;
import io.contacthub.customer.PhoneNumbers;
import io.contacthub.customer.VerificationCodes;
import io.contacthub.notify.StaffReplies;
import io.contacthub.notify.VerificationMessages;
import io.contacthub.ticket.TicketQueries;
import io.contacthub.web.console.Timeline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A general customer follows one ticket without an account: they enter the ticket's reference, the hub sends a
 * one-time code to the e-mail address or phone number the ticket's first message came from, and with the code this
 * browser sees the ticket's progress for {@code hub.portal.follow.session-ttl}.
 * <p>
 * No oracle: an unknown reference, a ticket with no address to send to, too many codes already sent, a wrong,
 * expired or used code and a code of another ticket all get the same words ("if the reference exists, we sent a
 * code"; "the code is wrong or has expired"). What is being followed is kept in the session, never taken from the
 * form, so a code answers only for the reference it was sent for. Requests are budgeted per client and per
 * reference ({@link FollowLimits}); codes by {@code hub.verification} (guesses per code, codes per address per day,
 * and per reference per UTC day through the code's purpose).
 */
@Controller
class FollowController {

    static final String PENDING = "portal.follow.pending";
    static final String FOLLOWING = "portal.follow.ticket";

    /** {@code CH-000123}, {@code ch-123456}, {@code [#CH-000123]} or {@code #CH-000123}. */
    private static final Pattern REFERENCE = Pattern.compile("\\s*\\[?#?\\s*(CH-\\d{6,12})\\s*]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+\\.[^\\s<>\"]+");

    private final TicketQueries tickets;
    private final StaffReplies replies;
    private final CustomerCases cases;
    private final VerificationCodes codes;
    private final VerificationMessages messages;
    private final PhoneNumbers phones;
    private final FollowLimits limits;
    private final FollowSettings settings;
    private final Clock clock;

    FollowController(TicketQueries tickets, StaffReplies replies, CustomerCases cases, VerificationCodes codes,
                     VerificationMessages messages, PhoneNumbers phones, FollowLimits limits, FollowSettings settings,
                     ObjectProvider<Clock> clock) {
        this.tickets = tickets;
        this.replies = replies;
        this.cases = cases;
        this.codes = codes;
        this.messages = messages;
        this.phones = phones;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The reference being proven and the code purpose it was sent under (which names the day it was sent). */
    record Pending(String ref, String purpose) implements Serializable {
    }

    /** The ticket this browser may see, until when, and the address the code proved. */
    record Following(String ref, Instant until, String address) implements Serializable {
    }

    @GetMapping("/portal/follow")
    String form() {
        return "portal/follow";
    }

    @PostMapping("/portal/follow")
    String request(@RequestParam(required = false) String reference, HttpServletRequest http, Model model) {
        Optional<String> ref = reference(reference);
        if (ref.isEmpty()) {
            model.addAttribute("error", "portal.follow.error.reference");
            return "portal/follow";
        }
        if (!limits.allow(http.getRemoteAddr(), ref.get())) {
            model.addAttribute("error", "portal.follow.error.busy");
            return "portal/follow";
        }
        String purpose = "FOLLOW:" + ref.get() + ":" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        HttpSession session = http.getSession(true);
        session.setAttribute(PENDING, new Pending(ref.get(), purpose));
        session.removeAttribute(FOLLOWING); // one ticket at a time: asking about another ends the view of the last

        tickets.find(ref.get()).flatMap(this::cameFrom).ifPresent(address -> {
            try {
                VerificationCodes.Issued issued = codes.issue(purpose, address.kind(), address.value());
                messages.sendCode(issued.kind(), issued.value(), issued.code(), issued.validFor().toMinutes(),
                        LocaleContextHolder.getLocale().getLanguage());
            } catch (VerificationCodes.TooManyCodes e) {
                // The same page as ever: codes for this reference or to this address are already on their way.
            }
        });
        model.addAttribute("sent", true);
        return "portal/follow";
    }

    @PostMapping("/portal/follow/code")
    String code(@RequestParam(required = false) String code, HttpServletRequest http, Model model) {
        HttpSession session = http.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
            return "redirect:/portal/follow";
        }
        model.addAttribute("sent", true);
        if (!limits.allowGuess(http.getRemoteAddr())) {
            model.addAttribute("error", "portal.follow.error.busy");
            return "portal/follow";
        }
        String typed = code == null || code.length() > 12 ? null : code;
        Optional<VerificationCodes.Proved> proved = typed == null ? Optional.empty() : codes.check(pending.purpose(), typed);
        Optional<VerificationCodes.Proved> expected = tickets.find(pending.ref()).flatMap(this::cameFrom);
        if (proved.isEmpty() || expected.isEmpty() || !proved.get().equals(expected.get())) {
            model.addAttribute("error", "portal.follow.error.code");
            return "portal/follow";
        }
        session.removeAttribute(PENDING);
        http.changeSessionId(); // as at a sign-in: a session id planted before the proof does not carry the view
        session.setAttribute(FOLLOWING, new Following(pending.ref(), clock.instant().plus(settings.sessionTtl()),
                proved.get().value()));
        return "redirect:/portal/follow/ticket";
    }

    @GetMapping("/portal/follow/ticket")
    String ticket(HttpServletRequest http, Model model) {
        HttpSession session = http.getSession(false);
        if (session == null || !(session.getAttribute(FOLLOWING) instanceof Following following)) {
            return "redirect:/portal/follow";
        }
        if (!clock.instant().isBefore(following.until())) {
            session.removeAttribute(FOLLOWING);
            return "redirect:/portal/follow?expired";
        }
        Optional<TicketQueries.TicketDetail> found = tickets.find(following.ref());
        if (found.isEmpty()) {
            session.removeAttribute(FOLLOWING);
            return "redirect:/portal/follow";
        }
        TicketQueries.TicketDetail detail = found.get();
        // Their own messages (from the address the code proved) and what the hub actually sent on the ticket.
        List<TicketQueries.Contact> own = detail.timeline().stream()
                .filter(c -> address(c).map(a -> a.value().equals(following.address())).orElse(false)).toList();
        TicketQueries.TicketDetail shown = new TicketQueries.TicketDetail(detail.ticket(), detail.customer(), own);
        List<Timeline.Entry> timeline = Timeline.of(shown, SentToCustomer.only(replies.forTicket(detail.ticket().id())), List.of());
        model.addAttribute("ticket", detail.ticket());
        model.addAttribute("timeline", timeline);
        model.addAttribute("complaint", cases.forTicket(detail.ticket().ref()).orElse(null));
        model.addAttribute("until", following.until());
        return "portal/followed";
    }

    static Optional<String> reference(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(typed);
        return m.matches() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The address the ticket's first message came from, if a code can be sent there (an e-mail address or a phone). */
    private Optional<VerificationCodes.Proved> cameFrom(TicketQueries.TicketDetail detail) {
        return detail.timeline().stream().findFirst().flatMap(this::address);
    }

    private Optional<VerificationCodes.Proved> address(TicketQueries.Contact contact) {
        String sender = contact.sender();
        if (sender == null || sender.isBlank()) {
            return Optional.empty();
        }
        return switch (contact.channel()) {
            case "EMAIL", "WEB" -> {
                Matcher m = EMAIL.matcher(sender);
                if (m.find()) {
                    yield Optional.of(new VerificationCodes.Proved("EMAIL", m.group().toLowerCase(Locale.ROOT)));
                }
                yield "WEB".equals(contact.channel()) ? phone(sender) : Optional.empty();
            }
            case "SMS", "VOICE" -> phone(sender);
            default -> Optional.empty(); // faxes, letters, webhooks: no address a code can be sent to
        };
    }

    private Optional<VerificationCodes.Proved> phone(String sender) {
        return phones.normalize(sender).map(p -> new VerificationCodes.Proved("PHONE", p));
    }
}
