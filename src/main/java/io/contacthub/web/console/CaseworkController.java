package io.contacthub.web.console;

import io.contacthub.backoffice.Handoffs;
import io.contacthub.complaint.ComplaintCases;
import io.contacthub.complaint.ComplaintRejected;
import io.contacthub.complaint.StepAction;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket page's casework forms: complaint steps and corrections (through {@link ComplaintCases},
 * which owns the transition rules) and replay of a refused or failed back-office hand-off. A
 * refusal comes back to the agent as the service's own message.
 */
@Controller
class CaseworkController {

    private final ComplaintCases cases;
    private final Handoffs handoffs;
    private final TicketDesk desk;

    private final io.contacthub.web.ViewerTime viewerTime;

    CaseworkController(ComplaintCases cases, Handoffs handoffs, TicketDesk desk, io.contacthub.web.ViewerTime viewerTime) {
        this.cases = cases;
        this.handoffs = handoffs;
        this.desk = desk;
        this.viewerTime = viewerTime;
    }

    /**
     * The form shows every field; only those that belong to the chosen action are passed on, so a
     * value left in a hidden compensation field does not make a RESOLVE invalid.
     */
    @PostMapping("/console/tickets/{ref}/complaint/{caseId}/steps")
    String step(@PathVariable String ref, @PathVariable long caseId, @RequestParam(required = false) String action,
                @RequestParam(required = false) String text, @RequestParam(required = false) String amount,
                @RequestParam(required = false) String currency, @RequestParam(required = false) Integer satisfaction,
                @RequestParam(required = false) String followUpAt, @RequestParam(required = false) String notifyCustomer,
                Principal staff, RedirectAttributes flash) {
        requireTicket(ref);
        String chosen = action == null ? "" : action.trim().toUpperCase(Locale.ROOT);
        boolean compensation = StepAction.PROPOSE_COMPENSATION.name().equals(chosen);
        boolean resolve = StepAction.RESOLVE.name().equals(chosen);
        boolean followUp = StepAction.FOLLOW_UP.name().equals(chosen);
        try {
            ComplaintCases.StepRequest request = new ComplaintCases.StepRequest(action, text,
                    compensation ? amount(amount) : null, compensation && amount != null && !amount.isBlank() ? currency : null,
                    followUp ? satisfaction : null, resolve ? followUpAt(followUpAt) : null,
                    resolve ? notifyCustomer != null : null);
            cases.step(caseId, request, staff.getName());
            flash.addFlashAttribute("notice", "complaint.step.saved");
        } catch (ComplaintRejected | FormRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/tickets/" + ref + "#complaint";
    }

    /** PATCH semantics: a blank select keeps the current value. */
    @PostMapping("/console/tickets/{ref}/complaint/{caseId}/change")
    String change(@PathVariable String ref, @PathVariable long caseId, @RequestParam(required = false) String category,
                  @RequestParam(required = false) String severity, Principal staff, RedirectAttributes flash) {
        requireTicket(ref);
        try {
            cases.change(caseId, new ComplaintCases.Change(blankToNull(category), blankToNull(severity)), staff.getName());
            flash.addFlashAttribute("notice", "saved");
        } catch (ComplaintRejected e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/tickets/" + ref + "#complaint";
    }

    @PostMapping("/console/tickets/{ref}/handoffs/{id}/replay")
    String replay(@PathVariable String ref, @PathVariable long id, RedirectAttributes flash) {
        long ticketId = requireTicket(ref);
        var handoff = handoffs.find(id).filter(h -> h.ticketId() != null && h.ticketId() == ticketId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no hand-off " + id + " on " + ref));
        if (handoffs.replay(id)) {
            flash.addFlashAttribute("notice", "handoff.replayed");
        } else {
            flash.addFlashAttribute("error", "hand-off " + id + " is " + handoffs.find(id).map(h -> h.status())
                    .orElse(handoff.status()) + "; only FAILED or REJECTED ones are replayed");
        }
        return "redirect:/console/tickets/" + ref + "#handoffs";
    }

    private long requireTicket(String ref) {
        return desk.ticketId(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }

    private static BigDecimal amount(String amount) {
        if (amount == null || amount.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new FormRefused("the amount " + amount.trim() + " is not a number (e.g. 350 or 350.50)");
        }
    }

    /** The form's date and time (datetime-local, no zone) is the agent's local time, as the page shows beside it. */
    private java.time.OffsetDateTime followUpAt(String value) {
        try {
            java.time.Instant at = viewerTime.parseLocal(value);
            return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new FormRefused("the follow-up time " + value.trim() + " is not a date and time");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static class FormRefused extends RuntimeException {
        FormRefused(String message) {
            super(message);
        }
    }
}
