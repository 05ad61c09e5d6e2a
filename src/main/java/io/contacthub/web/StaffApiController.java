package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import io.contacthub.intake.IntakeQueue;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.MessageStore;
import io.contacthub.ticket.TicketQueries;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The staff JSON API: the ticket queue, one ticket's timeline, every inbound message, replay. */
@RestController
class StaffApiController {

    private final TicketQueries tickets;
    private final MessageQueries messages;
    private final MessageStore store;
    private final IntakeQueue queue;

    StaffApiController(TicketQueries tickets, MessageQueries messages, MessageStore store, IntakeQueue queue) {
        this.tickets = tickets;
        this.messages = messages;
        this.store = store;
        this.queue = queue;
    }

    @GetMapping("/api/tickets")
    List<TicketQueries.TicketSummary> tickets(@RequestParam(required = false) String status,
                                              @RequestParam(required = false) String channel,
                                              @RequestParam(required = false) Long customer,
                                              @RequestParam(defaultValue = "50") int limit,
                                              @RequestParam(defaultValue = "0") int offset) {
        return tickets.list(status, channel, customer, clamp(limit), Math.max(0, offset));
    }

    // GET /api/tickets/{ref} (with the outbound notifications): TicketRepliesController

    @GetMapping("/api/messages")
    List<MessageQueries.MessageView> messages(@RequestParam(required = false) String status,
                                              @RequestParam(required = false) String channel,
                                              @RequestParam(defaultValue = "50") int limit,
                                              @RequestParam(defaultValue = "0") int offset) {
        return messages.list(status, channel, clamp(limit), Math.max(0, offset));
    }

    @GetMapping("/api/messages/{id}")
    ResponseEntity<?> message(@PathVariable long id) {
        return messages.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseThrow(() -> notFound("no message " + id));
    }

    /** The original exactly as received (for an e-mail: the .eml file). */
    @GetMapping("/api/messages/{id}/raw")
    ResponseEntity<?> raw(@PathVariable long id) {
        return messages.raw(id).<ResponseEntity<?>>map(r -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(r.contentType())).body(r.bytes()))
                .orElseThrow(() -> notFound("no message " + id));
    }

    @GetMapping("/api/attachments/{id}")
    ResponseEntity<?> attachment(@PathVariable long id) {
        return messages.attachment(id).<ResponseEntity<?>>map(r -> ResponseEntity.ok()
                        .header("Content-Disposition", "attachment")
                        .contentType(safeType(r.contentType())).body(r.bytes()))
                .orElseThrow(() -> notFound("no attachment " + id));
    }

    /** Runs a FAILED message through processing again, e.g. after the cause was fixed. */
    @PostMapping("/api/messages/{id}/replay")
    ResponseEntity<?> replay(@PathVariable long id) {
        if (messages.find(id).isEmpty()) {
            throw notFound("no message " + id);
        }
        if (!store.reopenFailed(id)) {
            throw ApiProblem.of(HttpStatus.CONFLICT, "only FAILED messages can be replayed");
        }
        queue.enqueue(id);
        return ResponseEntity.accepted().body(Map.of("messageId", id, "status", "RECEIVED"));
    }

    private static MediaType safeType(String type) {
        try {
            return MediaType.parseMediaType(type);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 500));
    }

    private static ApiProblem notFound(String message) {
        return ApiProblem.of(HttpStatus.NOT_FOUND, message);
    }
}
