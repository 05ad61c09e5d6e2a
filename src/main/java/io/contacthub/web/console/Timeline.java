package io.contacthub.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketQueries;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ticket's conversation in time order, whatever the channel: the customer's contacts (with
 * their files and what was found in them), what the hub sent, and, for staff only, internal notes.
 */
public final class Timeline {

    private Timeline() {
    }

    public enum Kind { IN, OUT, NOTE }

    public record Entry(Kind kind, OffsetDateTime at, String channel, String who, String subject, String body,
                        String status, String intent, String language, String urgency, List<FileView> files,
                        Map<String, List<String>> entities) {
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
        List<Entry> entries = new ArrayList<>();
        for (TicketQueries.Contact c : detail.timeline()) {
            entries.add(new Entry(Kind.IN, c.receivedAt(), c.channel(), c.sender(), c.subject(), c.body(), null,
                    c.intent(), c.language(), c.urgency(), files(c.files()), entities(c.entities())));
        }
        if (sent != null) {
            for (StaffReplies.NotificationView n : sent) {
                entries.add(new Entry(Kind.OUT, n.createdAt(), n.channel(), n.recipient(), n.subject(), n.body(),
                        n.status(), n.template(), null, null, List.of(), Map.of()));
            }
        }
        if (notes != null) {
            for (TicketDesk.Note n : notes) {
                entries.add(new Entry(Kind.NOTE, n.createdAt(), null, n.author(), null, n.body(), null, null, null, null,
                        List.of(), Map.of()));
            }
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
