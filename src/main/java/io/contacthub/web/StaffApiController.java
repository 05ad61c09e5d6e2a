package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import io.contacthub.intake.IntakeQueue;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.MessageStore;
import io.contacthub.ticket.TicketSearch;
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

    private final TicketSearch search;
    private final MessageQueries messages;
    private final MessageStore store;
    private final IntakeQueue queue;

    StaffApiController(TicketSearch search, MessageQueries messages, MessageStore store, IntakeQueue queue) {
        this.search = search;
        this.messages = messages;
        this.store = store;
        this.queue = queue;
    }

    /**
     * The queue, and search. Without {@code q}, {@code view}, {@code sort} or {@code page} it answers as it always
     * did: every ticket, most recent contact first, {@code limit}/{@code offset}. {@code view} (open, mine,
     * unassigned, breaching, complaints, resolved, all; default all), {@code sort} (priority, due, recent,
     * oldest; default recent) and {@code page} (1-based, {@code limit} per page) read it like the console;
     * {@code q} searches. {@code X-Total-Count} says how many tickets match, {@code Link} (RFC 8288) leads to
     * the next and previous page. 400 for a search that cannot run (too long, no word of two characters,
     * more than 8 words), an unknown view or sort, or a page beyond 100,000 tickets.
     */
    @GetMapping("/api/tickets")
    ResponseEntity<List<TicketSearch.Hit>> tickets(@RequestParam(required = false) String status,
                                                   @RequestParam(required = false) String channel,
                                                   @RequestParam(required = false) Long customer,
                                                   @RequestParam(defaultValue = "50") int limit,
                                                   @RequestParam(defaultValue = "0") int offset,
                                                   @RequestParam(required = false) String q,
                                                   @RequestParam(required = false) String view,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) String intent,
                                                   @RequestParam(required = false) String assignee,
                                                   @RequestParam(required = false) String customerClass,
                                                   java.security.Principal staff) {
        int size = clamp(limit);
        if (page != null && page < 1) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "page counts from 1");
        }
        long from = page == null ? Math.max(0, offset) : (long) (page - 1) * size;
        TicketSearch.Result result;
        try {
            result = search.search(new TicketSearch.Criteria(q, TicketSearch.View.parse(view, TicketSearch.View.ALL),
                    staff == null ? null : staff.getName(), status, channel, intent, assignee, false, false, customer,
                    TicketSearch.Sort.parse(sort, TicketSearch.Sort.RECENT), size, from, customerClass));
        } catch (TicketSearch.InvalidSearch e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", String.valueOf(result.total()));
        List<String> links = new java.util.ArrayList<>();
        if (result.hasNext()) {
            links.add(pageLink(page != null, from + size, size, "next"));
        }
        if (result.hasPrevious()) {
            links.add(pageLink(page != null, Math.max(0, from - size), size, "prev"));
        }
        if (!links.isEmpty()) {
            answer.header("Link", String.join(", ", links));
        }
        return answer.body(result.hits());
    }

    /** The same request at another page (or offset, if it was asked by offset), as a relative reference. */
    private static String pageLink(boolean byPage, long from, int size, String rel) {
        var target = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest();
        if (byPage) {
            target.replaceQueryParam("page", from / size + 1);
        } else {
            target.replaceQueryParam("offset", from);
        }
        java.net.URI uri = target.replaceQueryParam("limit", size).build().toUri();
        return "<" + uri.getRawPath() + "?" + uri.getRawQuery() + ">; rel=\"" + rel + "\"";
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
