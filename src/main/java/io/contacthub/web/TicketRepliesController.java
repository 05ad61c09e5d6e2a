package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketQueries;
import io.contacthub.ticket.TicketReview;
import io.contacthub.ticket.TicketStatus;
import io.contacthub.notify.StatusChangeNotices;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Staff replies to a ticket's customer, status changes, review flags, and the ticket with what the hub sent out. */
@RestController
class TicketRepliesController {

    private final StaffReplies replies;
    private final TicketQueries tickets;
    private final ObjectMapper json;
    private final Handoffs handoffs;

    private final TicketReview review;
    private final TicketStatus status;
    private final StatusChangeNotices notices;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    TicketRepliesController(StaffReplies replies, TicketQueries tickets, ObjectMapper json, Handoffs handoffs,
                            TicketReview review, TicketStatus status, StatusChangeNotices notices,
                            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.status = status;
        this.notices = notices;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
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
    ResponseEntity<?> changeStatus(@PathVariable String ref, @RequestBody(required = false) StatusChange change) {
        if (change == null || change.status() == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "give a status: " + TicketStatus.STATUSES);
        }
        try {
            java.util.Optional<String> before = transactions.execute(tx -> {
                java.util.Optional<String> old = status.change(ref, change.status());
                old.ifPresent(o -> notices.changed(ref, o, change.status(), change.note(), java.util.UUID.randomUUID().toString()));
                return old;
            });
            if (before == null || before.isEmpty()) {
                throw ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref);
            }
            return ticket(ref);
        } catch (TicketStatus.InvalidStatus e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Staff have dealt with what the hub could not finish alone: the ticket leaves the review list. */
    @org.springframework.web.bind.annotation.DeleteMapping("/api/tickets/{ref}/review")
    ResponseEntity<?> clearReview(@PathVariable String ref) {
        return tickets.find(ref).<ResponseEntity<?>>map(detail -> {
            review.clear(detail.ticket().id());
            return ResponseEntity.noContent().build();
        }).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }

    /**
     * The ticket as {@link TicketQueries#find} gives it, plus {@code notifications} (what the hub sent
     * the customer) and {@code handoffs} (what it handed to the back office).
     */
    @GetMapping("/api/tickets/{ref}")
    ResponseEntity<?> ticket(@PathVariable String ref) {
        return tickets.find(ref).<ResponseEntity<?>>map(detail -> {
            ObjectNode node = json.valueToTree(detail);
            node.set("notifications", json.valueToTree(replies.forTicket(detail.ticket().id())));
            node.set("handoffs", json.valueToTree(handoffs.list(null, null, detail.ticket().id(), 100)));
            return ResponseEntity.ok(node);
        }).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref));
    }
}
