package io.contacthub.web.console;

import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketQueries;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One ticket: the cross-channel timeline, and the reply box, assignment, status and internal notes. */
@Controller
class TicketPageController {

    private final TicketQueries tickets;
    private final StaffReplies replies;
    private final TicketDesk desk;
    private final io.contacthub.ticket.TicketReview review;
    private final io.contacthub.ticket.TicketStatus status;
    private final io.contacthub.notify.StatusChangeNotices notices;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final CaseworkPanels casework;
    private final io.contacthub.ticket.TicketParticipants participants;

    private final io.contacthub.descriptor.ChannelCatalog channelCatalog;

    TicketPageController(TicketQueries tickets, StaffReplies replies, TicketDesk desk, io.contacthub.ticket.TicketReview review,
                         io.contacthub.ticket.TicketStatus status, io.contacthub.notify.StatusChangeNotices notices,
                         org.springframework.transaction.PlatformTransactionManager transactions, CaseworkPanels casework,
                         io.contacthub.ticket.TicketParticipants participants,
                         io.contacthub.descriptor.ChannelCatalog channelCatalog) {
        this.channelCatalog = channelCatalog;
        this.participants = participants;
        this.casework = casework;
        this.review = review;
        this.status = status;
        this.notices = notices;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.tickets = tickets;
        this.replies = replies;
        this.desk = desk;
    }

    @GetMapping("/console/tickets/{ref}")
    String ticket(@PathVariable String ref, Model model) {
        TicketQueries.TicketDetail detail = tickets.find(ref)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref));
        long id = detail.ticket().id();
        model.addAttribute("ticket", detail.ticket());
        model.addAttribute("customer", detail.customer());
        model.addAttribute("timeline", Timeline.of(detail, replies.forTicket(id), desk.notes(id)));
        model.addAttribute("assignee", desk.assignee(id).orElse(null));
        model.addAttribute("reviewReason", desk.reviewReason(id).orElse(null));
        model.addAttribute("staff", desk.staff());
        model.addAttribute("statuses", io.contacthub.ticket.TicketStatus.STATUSES);
        model.addAttribute("replyChannels", replyChannels(detail.customer()));
        casework.addTo(model, id, detail.ticket().ref());
        model.addAttribute("claims", TrustPanel.claims(detail));
        model.addAttribute("unprovenSenders", TrustPanel.unprovenSenders(detail));
        model.addAttribute("participants", participants.of(id));
        return "console/ticket";
    }

    /**
     * The outbound channels the outbox can answer this customer on, from the channel descriptors:
     * e-mail for an address, SMS and a voice call (text-to-speech) for a phone number, a channel's own
     * answers for its identity kind. Blank lets StaffReplies pick by the customer's preference and
     * last contact.
     */
    List<String> replyChannels(TicketQueries.Customer customer) {
        if (customer == null) {
            return List.of();
        }
        List<String> kinds = customer.identities().stream().map(i -> i.substring(0, Math.max(0, i.indexOf(':')))).toList();
        return channelCatalog.reachableOn(kinds);
    }

    @PostMapping("/console/tickets/{ref}/replies")
    String reply(@PathVariable String ref, @RequestParam(required = false) String body,
                 @RequestParam(required = false) String channel, RedirectAttributes flash) {
        try {
            replies.reply(ref, body, channel);
            flash.addFlashAttribute("notice", "reply.queued");
        } catch (StaffReplies.ReplyRejected e) {
            if (e.notFound()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draft", body);
        }
        return "redirect:/console/tickets/" + ref;
    }

    @PostMapping("/console/tickets/{ref}/assignee")
    String assign(@PathVariable String ref, @RequestParam(required = false) String assignee, RedirectAttributes flash) {
        return change(ref, flash, id -> desk.assign(id, assignee));
    }

    @PostMapping("/console/tickets/{ref}/take")
    String take(@PathVariable String ref, Principal staff, RedirectAttributes flash) {
        return change(ref, flash, id -> desk.assign(id, staff.getName()));
    }

    /** Same as {@code PATCH /api/tickets/{ref}}: the customer is told when it reaches a notified status (RESOLVED). */
    @PostMapping("/console/tickets/{ref}/status")
    String status(@PathVariable String ref, @RequestParam String status, @RequestParam(required = false) String note,
                  RedirectAttributes flash) {
        return change(ref, flash, id -> {
            try {
                transactions.executeWithoutResult(tx -> this.status.change(ref, status).ifPresent(old ->
                        notices.changed(ref, old, status, note, java.util.UUID.randomUUID().toString())));
            } catch (io.contacthub.ticket.TicketStatus.InvalidStatus e) {
                throw new TicketDesk.ChangeRefused(e.getMessage());
            }
        });
    }

    /** The agent has dealt with what the hub flagged (an incomplete order, an unknown waybill...). */
    @PostMapping("/console/tickets/{ref}/review/clear")
    String clearReview(@PathVariable String ref, RedirectAttributes flash) {
        return change(ref, flash, review::clear);
    }

    @PostMapping("/console/tickets/{ref}/notes")
    String note(@PathVariable String ref, @RequestParam(required = false) String body, Principal staff,
                RedirectAttributes flash) {
        return change(ref, flash, id -> desk.addNote(id, staff.getName(), body));
    }

    private String change(String ref, RedirectAttributes flash, java.util.function.LongConsumer action) {
        long id = desk.ticketId(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref));
        try {
            action.accept(id);
            flash.addFlashAttribute("notice", "saved");
        } catch (TicketDesk.ChangeRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/tickets/" + ref;
    }
}
