package io.contacthub.web.console;

import io.contacthub.backoffice.Handoff;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.complaint.CaseStatus;
import io.contacthub.complaint.ComplaintCategories;
import io.contacthub.complaint.ComplaintQueries;
import io.contacthub.complaint.Severity;
import io.contacthub.complaint.StepAction;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the ticket page shows beside the conversation for casework: the ticket's complaint case
 * (with the steps its status allows, as {@link StepAction} decides) and its back-office hand-offs.
 */
@Component
class CaseworkPanels {

    /** Hand-offs shown per ticket; a ticket rarely has more than a few. */
    private static final int HANDOFF_LIMIT = 50;

    private final ComplaintQueries complaints;
    private final ComplaintCategories categories;
    private final Handoffs handoffs;
    private final org.springframework.context.MessageSource messages;

    CaseworkPanels(ComplaintQueries complaints, ComplaintCategories categories, Handoffs handoffs,
                   org.springframework.context.MessageSource messages) {
        this.complaints = complaints;
        this.categories = categories;
        this.handoffs = handoffs;
        this.messages = messages;
    }

    void addTo(Model model, long ticketId, String ref) {
        ComplaintQueries.CaseDetail complaint = complaints.forTicket(ref).orElse(null);
        model.addAttribute("complaint", complaint);
        if (complaint != null) {
            CaseStatus status = CaseStatus.valueOf(complaint.complaint().status());
            model.addAttribute("complaintActions", Arrays.stream(StepAction.values()).filter(a -> a.allowedFrom(status)).toList());
            model.addAttribute("complaintCategories", categories.list(false));
            model.addAttribute("severities", Severity.values());
        }
        List<Handoff> list = handoffs.list(null, null, ticketId, HANDOFF_LIMIT);
        model.addAttribute("handoffs", list);
    }

    /**
     * An SLA clock's ISO-8601 duration (PT71H59M59S) as an agent reads it: 2d 23h 59m. Seconds are
     * dropped; under a minute shows as 0m.
     */
    public String duration(String iso) {
        if (iso == null) {
            return null;
        }
        java.time.Duration d = java.time.Duration.parse(iso);
        StringBuilder s = new StringBuilder();
        if (d.toDays() > 0) {
            s.append(unit("d", d.toDays())).append(' ');
        }
        if (d.toDays() > 0 || d.toHoursPart() > 0) {
            s.append(unit("h", d.toHoursPart())).append(' ');
        }
        return s.append(unit("m", d.toMinutesPart())).toString();
    }

    /** "2d", "2天": the queue's units, in the reader's language. */
    private String unit(String unit, long n) {
        return messages.getMessage("queue.unit." + unit, new Object[] {n}, n + unit,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** FAILED and REJECTED hand-offs are the ones staff can put back in the queue ({@link Handoffs#replay}). */
    static boolean replayable(Handoff h) {
        return "FAILED".equals(h.status()) || "REJECTED".equals(h.status());
    }
}
