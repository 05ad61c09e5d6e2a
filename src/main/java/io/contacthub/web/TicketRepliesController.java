package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketQueries;
import io.contacthub.ticket.TicketReview;
import io.contacthub.ticket.TicketStatus;
import io.contacthub.notify.CustomerNotifications;
import io.contacthub.notify.NotificationActions;
import io.contacthub.notify.StatusChanges;
import io.contacthub.ticket.TicketEvents;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff replies to a ticket's customer, status changes, review flags, what to do with notifications not sent, and
 * the ticket with what the hub sent out and its history.
 */
@RestController
class TicketRepliesController {

    private final StaffReplies replies;
    private final TicketQueries tickets;
    private final ObjectMapper json;
    private final Handoffs handoffs;

    private final TicketReview review;
    private final StatusChanges statusChanges;
    private final TicketEvents events;
    private final NotificationActions outbox;

    TicketRepliesController(StaffReplies replies, TicketQueries tickets, ObjectMapper json, Handoffs handoffs,
                            TicketReview review, StatusChanges statusChanges, TicketEvents events, NotificationActions outbox) {
        this.statusChanges = statusChanges;
        this.events = events;
        this.outbox = outbox;
        this.handoffs = handoffs;
        this.review = review;
        this.replies = replies;
        this.tickets = tickets;
        this.json = json;
    }

    record ReplyRequest(String body, String channel) {
    }

    @PostMapping("/api/tickets/{ref}/replies")
    ResponseEntity<?> reply(@PathVariable String ref, @RequestBody(required = false) ReplyRequest request) {
        try {
            StaffReplies.Queued queued = replies.reply(ref, request == null ? null : request.body(),
                    request == null ? null : request.channel());
            return ResponseEntity.accepted().body(queued);
        } catch (StaffReplies.ReplyRejected e) {
            throw ApiProblem.of(e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    record StatusChange(String status, String note) {
    }

    /**
     * Moves the ticket to another status; the customer is told when it reaches one of
     * {@code hub.notify.status-changes} (RESOLVED by default), with the staff member's note.
     */
    @org.springframework.web.bind.annotation.PatchMapping("/api/tickets/{ref}")
    ResponseEntity<?> changeStatus(@PathVariable String ref, @RequestBody(required = false) StatusChange change,
                                   Principal staff) {
        if (change == null || change.status() == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "give a status: " + TicketStatus.STATUSES);
        }
        try {
            if (statusChanges.change(ref, change.status(), change.note(), staff.getName()).isEmpty()) {
                throw ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref);
            }
            return ticket(ref);
        } catch (TicketStatus.InvalidStatus e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Staff have dealt with what the hub could not finish alone: the ticket leaves the review list. */
    @org.springframework.web.bind.annotation.DeleteMapping("/api/tickets/{ref}/review")
    ResponseEntity<?> clearReview(@PathVariable String ref, Principal staff) {
        return tickets.find(ref).<ResponseEntity<?>>map(detail -> {
            review.clear(detail.ticket().id(), staff.getName());
            return ResponseEntity.noContent().build();
        }).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }

    /** Cancels a QUEUED notification of the ticket: it is never sent. 409 when it is no longer QUEUED. */
    @PostMapping("/api/tickets/{ref}/notifications/{id}/cancel")
    ResponseEntity<?> cancelNotification(@PathVariable String ref, @PathVariable long id, Principal staff) {
        long ticket = ticketId(ref);
        refusals(() -> outbox.cancel(ticket, id, staff.getName()));
        return ResponseEntity.noContent().build();
    }

    /** Sends a FAILED notification again on its channel. 409 when it is not FAILED. */
    @PostMapping("/api/tickets/{ref}/notifications/{id}/resend")
    ResponseEntity<?> resendNotification(@PathVariable String ref, @PathVariable long id, Principal staff) {
        long ticket = ticketId(ref);
        refusals(() -> outbox.resend(ticket, id, staff.getName()));
        return ResponseEntity.accepted().build();
    }

    record SendOnRequest(String channel) {
    }

    /**
     * Sends a QUEUED or FAILED notification on another channel instead (the original is cancelled or stays FAILED);
     * answers with the new notification. 400 when the customer cannot be reached on it, 409 when the original is
     * neither QUEUED nor FAILED.
     */
    @PostMapping("/api/tickets/{ref}/notifications/{id}/send-on")
    ResponseEntity<?> sendNotificationOn(@PathVariable String ref, @PathVariable long id,
                                         @RequestBody(required = false) SendOnRequest request, Principal staff) {
        long ticket = ticketId(ref);
        java.util.concurrent.atomic.AtomicReference<CustomerNotifications.Queued> queued = new java.util.concurrent.atomic.AtomicReference<>();
        refusals(() -> queued.set(outbox.sendOn(ticket, id, request == null ? null : request.channel(), staff.getName())));
        return ResponseEntity.accepted().body(queued.get());
    }

    private long ticketId(String ref) {
        return tickets.find(ref).map(d -> d.ticket().id())
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }

    private static void refusals(Runnable action) {
        try {
            action.run();
        } catch (NotificationActions.ActionRefused e) {
            throw ApiProblem.of(switch (e.key()) {
                case "notFound" -> HttpStatus.NOT_FOUND;
                case "sameChannel", "unreachable" -> HttpStatus.BAD_REQUEST;
                default -> HttpStatus.CONFLICT;
            }, e.getMessage());
        }
    }

    /**
     * The ticket as {@link TicketQueries#find} gives it, plus {@code notifications} (what the hub sent
     * the customer), {@code handoffs} (what it handed to the back office) and {@code events} (its history:
     * status changes, assignments, review flags, links, what staff did with unsent notifications).
     */
    @GetMapping("/api/tickets/{ref}")
    ResponseEntity<?> ticket(@PathVariable String ref) {
        return tickets.find(ref).<ResponseEntity<?>>map(detail -> {
            ObjectNode node = json.valueToTree(detail);
            node.set("notifications", json.valueToTree(replies.forTicket(detail.ticket().id())));
            node.set("handoffs", json.valueToTree(handoffs.list(null, null, detail.ticket().id(), 100)));
            node.set("events", json.valueToTree(events.of(detail.ticket().id())));
            return ResponseEntity.ok(node);
        }).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }
}
