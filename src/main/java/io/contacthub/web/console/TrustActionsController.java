package io.contacthub.web.console;

import io.contacthub.customer.CustomerMerge;
import io.contacthub.ticket.TicketLinks;
import io.contacthub.ticket.TicketParticipants;
import io.contacthub.ticket.TicketQueries;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's buttons for what only staff decide about identity: link a ticket that quoted a
 * reference into it, add a participant, merge a customer who claimed another's number into them.
 */
@Controller
class TrustActionsController {

    private final TicketLinks links;
    private final TicketParticipants participants;
    private final TicketQueries tickets;
    private final CustomerMerge merge;

    TrustActionsController(TicketLinks links, TicketParticipants participants, TicketQueries tickets, CustomerMerge merge) {
        this.links = links;
        this.participants = participants;
        this.tickets = tickets;
        this.merge = merge;
    }

    @PostMapping("/console/tickets/{ref}/link")
    String link(@PathVariable String ref, @RequestParam(required = false) String into, Authentication staff,
                RedirectAttributes flash) {
        try {
            links.link(ref, into, staff.getName());
            flash.addFlashAttribute("notice", "trust.linked");
            return "redirect:/console/tickets/" + into.strip().toUpperCase();
        } catch (TicketLinks.LinkRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/tickets/" + ref;
        }
    }

    @PostMapping("/console/tickets/{ref}/participants")
    String participant(@PathVariable String ref, @RequestParam(required = false) String address, Authentication staff,
                       RedirectAttributes flash) {
        tickets.find(ref).ifPresent(t -> {
            try {
                participants.add(t.ticket().id(), address, staff.getName());
                flash.addFlashAttribute("notice", "trust.participant.added");
            } catch (IllegalArgumentException e) {
                flash.addFlashAttribute("error", e.getMessage());
            }
        });
        return "redirect:/console/tickets/" + ref;
    }

    /** Supervisors only: a wrong merge shows one customer's tickets and replies to another. */
    @PostMapping("/console/customers/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long into, @RequestParam(required = false) String back,
                 Authentication staff, RedirectAttributes flash) {
        if (!io.contacthub.web.StaffRoles.isSupervisor(staff)) {
            flash.addFlashAttribute("error", "merging customers needs a supervisor");
        } else {
            try {
                merge.merge(id, into, staff.getName());
                flash.addFlashAttribute("notice", "trust.merged");
            } catch (CustomerMerge.MergeRefused e) {
                flash.addFlashAttribute("error", e.getMessage());
            }
        }
        return back != null && back.matches("CH-\\d{1,12}") ? "redirect:/console/tickets/" + back : "redirect:/console/customers/" + into;
    }
}
