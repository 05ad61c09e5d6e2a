package io.contacthub.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.calls.CallLog;
import io.contacthub.complaint.ComplaintQueries;
import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketEvents;
import io.contacthub.ticket.TicketQueries;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One ticket's conversation in time order, whatever the channel: the customer's contacts (with
 * their files and what was found in them), what the hub sent, and, for staff only, internal notes and the
 * ticket's history (status changes, assignments, review flags, links, complaint case steps, what staff did with
 * unsent notifications), each with who and when.
 */
public final class Timeline {

    private Timeline() {
    }

    public enum Kind { IN, OUT, NOTE, EVENT, CALL }

    /**
     * @param outgoing for OUT: the notification's delivery state and what staff may do with it
     * @param event    for EVENT: a change of the ticket ({@link TicketEvents})
     * @param step     for EVENT: a complaint case step instead
     * @param call     for CALL: a telephone call with the customer (issue 15), with its direction, agent and outcome
     */
    public record Entry(Kind kind, OffsetDateTime at, String channel, String who, String subject, String body,
                        String status, String intent, String language, String urgency, List<FileView> files,
                        Map<String, List<String>> entities, Outgoing outgoing, TicketEvents.Event event,
                        ComplaintQueries.TicketStep step, CallLog.Call call) {

        public Entry(Kind kind, OffsetDateTime at, String channel, String who, String subject, String body,
                     String status, String intent, String language, String urgency, List<FileView> files,
                     Map<String, List<String>> entities, Outgoing outgoing, TicketEvents.Event event,
                     ComplaintQueries.TicketStep step) {
            this(kind, at, channel, who, subject, body, status, intent, language, urgency, files, entities, outgoing, event,
                    step, null);
        }

        public Entry(Kind kind, OffsetDateTime at, String channel, String who, String subject, String body,
                     String status, String intent, String language, String urgency, List<FileView> files,
                     Map<String, List<String>> entities) {
            this(kind, at, channel, who, subject, body, status, intent, language, urgency, files, entities, null, null, null);
        }
    }

    /**
     * A notification as staff see it on the ticket.
     *
     * @param waitingOn     why it waits (its channel's provider is not configured), or null
     * @param otherChannels the channels it could be sent on instead (empty when it cannot be acted on)
     */
    public record Outgoing(long id, String status, int attempts, String lastError, OffsetDateTime nextAttemptAt,
                           String waitingOn, Long supersededBy, boolean actionable, List<String> otherChannels) {
        public boolean cancellable() {
            return actionable && "QUEUED".equals(status);
        }

        public boolean resendable() {
            return actionable && "FAILED".equals(status);
        }

        /** Waiting for its next attempt after a failure (the provider is configured). */
        public boolean retrying() {
            return "QUEUED".equals(status) && waitingOn == null && lastError != null;
        }
    }

    /** An attachment as staff see it: audio plays, images (fax pages, scans) show, text found in it beside. */
    public record FileView(long id, String name, String contentType, long size, String text, String extractedBy,
                           String extractionError) {
        public boolean audio() {
            return contentType != null && contentType.toLowerCase().startsWith("audio/");
        }

        /** A raster image the browser shows as it is (TIFF is rendered instead: browsers cannot show it). */
        public boolean image() {
            String t = contentType == null ? "" : contentType.toLowerCase();
            return t.startsWith("image/") && !t.contains("svg") && !t.startsWith("image/tiff"); // SVG can carry script
        }

        /** Fax pages and scans (TIFF, PDF) shown as rendered page images. */
        public boolean pages() {
            return PagePreview.supports(contentType);
        }
    }

    public static List<Entry> of(TicketQueries.TicketDetail detail, List<StaffReplies.NotificationView> sent,
                                 List<TicketDesk.Note> notes) {
        return of(detail, sent, notes, List.of(), List.of(), channel -> java.util.Optional.empty(), List.of());
    }

    /**
     * @param notConfigured why a channel cannot send now, or empty when it can
     * @param reachable     the outbound channels the customer can be written to on
     */
    public static List<Entry> of(TicketQueries.TicketDetail detail, List<StaffReplies.NotificationView> sent,
                                 List<TicketDesk.Note> notes, List<TicketEvents.Event> events,
                                 List<ComplaintQueries.TicketStep> steps,
                                 Function<String, java.util.Optional<String>> notConfigured, List<String> reachable) {
        List<Entry> entries = new ArrayList<>();
        for (TicketQueries.Contact c : detail.timeline()) {
            entries.add(new Entry(Kind.IN, c.receivedAt(), c.channel(), c.sender(), c.subject(), c.body(), null,
                    c.intent(), c.language(), c.urgency(), files(c.files()), entities(c.entities())));
        }
        if (sent != null) {
            for (StaffReplies.NotificationView n : sent) {
                String waiting = "QUEUED".equals(n.status()) ? notConfigured.apply(n.channel()).orElse(null) : null;
                Outgoing out = new Outgoing(n.id(), n.status(), n.attempts(), n.lastError(), n.nextAttemptAt(), waiting,
                        n.supersededBy(), n.actionable(),
                        n.actionable() ? reachable.stream().filter(c -> !c.equals(n.channel())).toList() : List.of());
                entries.add(new Entry(Kind.OUT, n.createdAt(), n.channel(), n.recipient(), n.subject(), n.body(),
                        n.status(), n.template(), null, null, List.of(), Map.of(), out, null, null));
            }
        }
        if (notes != null) {
            for (TicketDesk.Note n : notes) {
                entries.add(new Entry(Kind.NOTE, n.createdAt(), null, n.author(), null, n.body(), null, null, null, null,
                        List.of(), Map.of()));
            }
        }
        for (TicketEvents.Event e : events) {
            entries.add(new Entry(Kind.EVENT, e.at(), null, e.actorName(), null, null, null, null, null, null, List.of(),
                    Map.of(), null, e, null));
        }
        for (ComplaintQueries.TicketStep s : steps) {
            entries.add(new Entry(Kind.EVENT, s.at(), null, s.actorName(), null, s.text(), s.statusAfter(), null, null, null,
                    List.of(), Map.of(), null, null, s));
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    /**
     * The ticket's telephone calls added to its timeline, each at the time it began (queued, else placed). A call's
     * voicemail or recording is also a contact of the ticket; the call's line says who spoke with whom, how long,
     * and how it ended.
     */
    public static List<Entry> withCalls(List<Entry> timeline, List<CallLog.Call> calls) {
        if (calls.isEmpty()) {
            return timeline;
        }
        List<Entry> entries = new ArrayList<>(timeline);
        for (CallLog.Call c : calls) {
            OffsetDateTime at = c.queuedAt() != null ? c.queuedAt() : c.createdAt();
            entries.add(new Entry(Kind.CALL, at, "VOICE", c.agentName(), null, null, c.outcome(), null, c.language(), null,
                    List.of(), Map.of(), null, null, null, c));
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    static List<FileView> files(JsonNode files) {
        List<FileView> views = new ArrayList<>();
        if (files != null) {
            for (JsonNode f : files) {
                views.add(new FileView(f.path("id").asLong(), text(f, "fileName"), text(f, "contentType"), f.path("size").asLong(),
                        text(f, "text"), text(f, "extractedBy"), text(f, "extractionError")));
            }
        }
        return views;
    }

    static Map<String, List<String>> entities(JsonNode entities) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        if (entities != null) {
            entities.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) { // form fields of a web order: one chip per field
                    e.getValue().fields().forEachRemaining(f -> found.put(e.getKey() + "." + f.getKey(), List.of(f.getValue().asText())));
                    return;
                }
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else if (!e.getValue().isNull()) {
                    values.add(e.getValue().asText());
                }
                if (!values.isEmpty()) {
                    found.put(e.getKey(), values);
                }
            });
        }
        return found;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
