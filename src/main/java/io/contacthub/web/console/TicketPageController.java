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
    private final CaseworkPanels casework;
    private final io.contacthub.ticket.TicketParticipants participants;
    private final io.contacthub.descriptor.ChannelCatalog channelCatalog;
    private final io.contacthub.ticket.TicketEvents events;
    private final io.contacthub.complaint.ComplaintQueries complaints;
    private final io.contacthub.notify.NotificationActions outbox;
    private final io.contacthub.notify.DeliveryState delivery;
    private final org.springframework.context.MessageSource messages;
    private final io.contacthub.calls.CallLog callLog;
    private final io.contacthub.calls.ClickToCall clickToCall;

    TicketPageController(TicketQueries tickets, StaffReplies replies, TicketDesk desk, io.contacthub.ticket.TicketReview review,
                         CaseworkPanels casework, io.contacthub.ticket.TicketParticipants participants,
                         io.contacthub.descriptor.ChannelCatalog channelCatalog, io.contacthub.ticket.TicketEvents events,
                         io.contacthub.complaint.ComplaintQueries complaints, io.contacthub.notify.NotificationActions outbox,
                         io.contacthub.notify.DeliveryState delivery, org.springframework.context.MessageSource messages,
                         io.contacthub.calls.CallLog callLog, io.contacthub.calls.ClickToCall clickToCall) {
        this.callLog = callLog;
        this.clickToCall = clickToCall;
        this.channelCatalog = channelCatalog;
        this.participants = participants;
        this.casework = casework;
        this.review = review;
        this.tickets = tickets;
        this.replies = replies;
        this.desk = desk;
        this.events = events;
        this.complaints = complaints;
        this.outbox = outbox;
        this.delivery = delivery;
        this.messages = messages;
    }

    @GetMapping("/console/tickets/{ref}")
    String ticket(@PathVariable String ref, Model model) {
        TicketQueries.TicketDetail detail = tickets.find(ref)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref));
        long id = detail.ticket().id();
        model.addAttribute("ticket", detail.ticket());
        model.addAttribute("customer", detail.customer());
        model.addAttribute("timeline", Timeline.withCalls(Timeline.of(detail, replies.forTicket(id), desk.notes(id), events.of(id),
                complaints.stepsOfTicket(id), delivery::notConfigured, replyChannels(detail.customer())), callLog.ofTicket(id)));
        model.addAttribute("callNumbers", clickToCall.numbersOf(id));
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
                 @RequestParam(required = false) String channel, RedirectAttributes flash, java.util.Locale locale) {
        try {
            StaffReplies.Queued queued = replies.reply(ref, body, channel);
            // Not "queued and sent shortly" when it will wait on an unconfigured channel or was not sent at all.
            deliveryWarning(queued, locale).ifPresentOrElse(w -> flash.addFlashAttribute("deliveryWarning", w),
                    () -> flash.addFlashAttribute("notice", "reply.queued"));
        } catch (StaffReplies.ReplyRejected e) {
            if (e.notFound()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draft", body);
        }
        return "redirect:/console/tickets/" + ref;
    }

    /** What the agent must know about a reply just queued: it waits on an unconfigured channel, or it was not sent. */
    private java.util.Optional<String> deliveryWarning(StaffReplies.Queued queued, java.util.Locale locale) {
        String label = channelCatalog.label(queued.channel(), locale);
        if ("SUPPRESSED".equals(queued.status())) {
            return java.util.Optional.of(messages.getMessage("reply.suppressed", new Object[] {label}, locale));
        }
        return delivery.notConfigured(queued.channel())
                .map(reason -> messages.getMessage("reply.waiting", new Object[] {label}, locale));
    }

    @PostMapping("/console/tickets/{ref}/assignee")
    String assign(@PathVariable String ref, @RequestParam(required = false) String assignee, Principal staff,
                  RedirectAttributes flash) {
        return change(ref, flash, id -> desk.assign(id, assignee, staff.getName()));
    }

    @PostMapping("/console/tickets/{ref}/take")
    String take(@PathVariable String ref, Principal staff, RedirectAttributes flash) {
        return change(ref, flash, id -> desk.assign(id, staff.getName(), staff.getName()));
    }

    /**
     * Same as {@code PATCH /api/tickets/{ref}} ({@link TicketDesk#changeStatus}): the customer is told when it reaches
     * a notified status (RESOLVED), and resolving or closing clears the review flag.
     */
    @PostMapping("/console/tickets/{ref}/status")
    String status(@PathVariable String ref, @RequestParam String status, @RequestParam(required = false) String note,
                  Principal staff, RedirectAttributes flash) {
        return change(ref, flash, id -> desk.changeStatus(ref, status, note, staff.getName()));
    }

    /** The agent has dealt with what the hub flagged (an incomplete order, an unknown waybill...). */
    @PostMapping("/console/tickets/{ref}/review/clear")
    String clearReview(@PathVariable String ref, Principal staff, RedirectAttributes flash) {
        return change(ref, flash, id -> review.clear(id, staff.getName()));
    }

    /** A QUEUED notification is not sent after all (e.g. its channel is not configured and it no longer applies). */
    @PostMapping("/console/tickets/{ref}/notifications/{id}/cancel")
    String cancelNotification(@PathVariable String ref, @PathVariable long id, Principal staff, RedirectAttributes flash,
                              java.util.Locale locale) {
        return outboxAction(ref, flash, locale, "outbox.cancelled", ticket -> outbox.cancel(ticket, id, staff.getName()));
    }

    /** A FAILED notification gets a new round of attempts on its channel. */
    @PostMapping("/console/tickets/{ref}/notifications/{id}/resend")
    String resendNotification(@PathVariable String ref, @PathVariable long id, Principal staff, RedirectAttributes flash,
                              java.util.Locale locale) {
        return outboxAction(ref, flash, locale, "outbox.resent", ticket -> outbox.resend(ticket, id, staff.getName()));
    }

    /** A QUEUED or FAILED notification goes out on another channel the customer can be reached on instead. */
    @PostMapping("/console/tickets/{ref}/notifications/{id}/send-on")
    String sendNotificationOn(@PathVariable String ref, @PathVariable long id, @RequestParam(required = false) String channel,
                              Principal staff, RedirectAttributes flash, java.util.Locale locale) {
        return outboxAction(ref, flash, locale, "outbox.redirected", ticket -> outbox.sendOn(ticket, id, channel, staff.getName()));
    }

    private String outboxAction(String ref, RedirectAttributes flash, java.util.Locale locale, String done,
                                java.util.function.LongConsumer action) {
        long ticket = desk.ticketId(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref));
        try {
            action.accept(ticket);
            flash.addFlashAttribute("notice", done);
        } catch (io.contacthub.notify.NotificationActions.ActionRefused e) {
            flash.addFlashAttribute("error", messages.getMessage("outbox.refused." + e.key(), null, e.getMessage(), locale));
        }
        return "redirect:/console/tickets/" + ref;
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
