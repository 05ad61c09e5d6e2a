package io.contacthub.web.portal;

import io.contacthub.backoffice.CurrentStatus;
import io.contacthub.backoffice.OrdersPlaced;
import io.contacthub.customer.CustomerProfiles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A member's waybills and orders as rows of the portal's page, each with the status the tracking or order system
 * gives now ({@link CurrentStatus}: asked when the page opens, kept briefly) and when that status was obtained.
 * When a system cannot be asked, the row shows the last status known (kept from an earlier page, or the tracking
 * system's answer to the customer's own question) with its time, marked as not refreshed; never an error.
 */
@Component
class ShipmentProgress {

    /** Numbers asked about per page at most: a member with more sees the rest as last known. */
    static final int MAX_LOOKUPS = 50;

    private final CurrentStatus current;

    ShipmentProgress(CurrentStatus current) {
        this.current = current;
    }

    /**
     * @param status     the system's status code (shown through a message key when the hub knows it), null: none known
     * @param obtainedAt when the system gave it
     * @param stale      the system could not be asked just now: this is the last status known
     * @param unknown    the system does not know the number
     */
    record Row(String number, String ticketRef, OffsetDateTime mentionedAt, String status, String description,
               String location, String eta, Instant obtainedAt, boolean stale, boolean unknown, String request) {
    }

    List<Row> waybills(List<CustomerProfiles.Mention> mentions) {
        List<CustomerProfiles.Mention> waybills = mentions.stream().filter(m -> "WAYBILL".equals(m.kind())).toList();
        Map<String, CurrentStatus.Known> now = current.waybills(waybills.stream().limit(MAX_LOOKUPS)
                .map(CustomerProfiles.Mention::number).toList());
        List<Row> rows = new ArrayList<>();
        for (CustomerProfiles.Mention m : waybills) {
            CurrentStatus.Known known = now.get(m.number());
            Instant answeredBefore = m.trackedAt() == null ? null : m.trackedAt().toInstant();
            boolean earlierIsNewer = answeredBefore != null && m.trackingStatus() != null
                    && (known == null || !known.fresh() && answeredBefore.isAfter(known.obtainedAt()));
            if (earlierIsNewer) {
                // The tracking system's answer to the customer's own question, recorded with the hand-off.
                rows.add(new Row(m.number(), m.ticketRef(), m.lastSeen(), m.trackingStatus(), null, null, null, answeredBefore,
                        true, false, null));
            } else {
                rows.add(row(m.number(), m.ticketRef(), m.lastSeen(), known, null));
            }
        }
        return rows;
    }

    /** Orders the hub placed for the member (newest first), then order numbers their contacts mention. */
    List<Row> orders(List<CustomerProfiles.Mention> mentions, List<OrdersPlaced.PlacedOrder> placed) {
        Map<String, Row> byNumber = new LinkedHashMap<>();
        List<Row> pending = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (OrdersPlaced.PlacedOrder p : placed) {
            if (p.orderNumber() == null) {
                pending.add(new Row(null, p.ticketRef(), p.requestedAt(), null, null, null, null, null, false, false, p.state()));
            } else if (!numbers.contains(p.orderNumber())) {
                numbers.add(p.orderNumber());
                byNumber.put(p.orderNumber(), new Row(p.orderNumber(), p.ticketRef(), p.requestedAt(), null, null, null, null,
                        null, false, false, p.state()));
            }
        }
        for (CustomerProfiles.Mention m : mentions) {
            if ("ORDER".equals(m.kind()) && !numbers.contains(m.number())) {
                numbers.add(m.number());
                byNumber.put(m.number(), new Row(m.number(), m.ticketRef(), m.lastSeen(), null, null, null, null, null, false,
                        false, null));
            }
        }
        Map<String, CurrentStatus.Known> now = current.orders(numbers.stream().limit(MAX_LOOKUPS).toList());
        List<Row> rows = new ArrayList<>(pending);
        for (Row r : byNumber.values()) {
            rows.add(row(r.number(), r.ticketRef(), r.mentionedAt(), now.get(r.number()), r.request()));
        }
        return rows;
    }

    private static Row row(String number, String ticketRef, OffsetDateTime mentionedAt, CurrentStatus.Known known,
                           String request) {
        if (known == null) {
            return new Row(number, ticketRef, mentionedAt, null, null, null, null, null, true, false, request);
        }
        CurrentStatus.Answer a = known.answer();
        return new Row(number, ticketRef, mentionedAt, a.found() ? a.status() : null, a.description(), a.location(), a.eta(),
                known.obtainedAt(), !known.fresh(), !a.found(), request);
    }
}
