package io.contacthub.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.ticket.TicketQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the ticket page says about who wrote: claims of other customers' identities, unproven senders. */
final class TrustPanel {

    private TrustPanel() {
    }

    record Claim(String kind, String value, long customerId) {
    }

    static List<Claim> claims(TicketQueries.TicketDetail detail) {
        Set<Claim> claims = new LinkedHashSet<>();
        for (TicketQueries.Contact c : detail.timeline()) {
            JsonNode list = c.foreignClaims();
            if (list != null && list.isArray()) {
                list.forEach(n -> claims.add(new Claim(n.path("kind").asText(), n.path("value").asText(), n.path("customerId").asLong())));
            }
        }
        return new ArrayList<>(claims);
    }

    static long unprovenSenders(TicketQueries.TicketDetail detail) {
        return detail.timeline().stream().filter(c -> !c.senderProven()).count();
    }
}
