package io.contacthub.ticket;

import java.util.List;

/** What threading looks at to decide which ticket a contact belongs to. */
public record ThreadingRequest(String channel, Long customerId, String subject, String body,
                               List<String> references, List<String> orderNumbers,
                               List<String> waybillNumbers, String intent, boolean urgent) {
}
