package io.contacthub.ticket;

import java.time.Duration;
import java.util.List;

/**
 * What threading looks at to decide which ticket a contact belongs to.
 *
 * @param sameCustomerWindow when set, an open ticket of the same customer with a contact on the same
 *                           channel and a last contact within this window is joined (after tags,
 *                           mail references and same-matter numbers); null = off
 * @param relatedExternalId  the external id of an earlier message on the same channel: its ticket is
 *                           joined first after tags (a voicemail names its call); null = none
 */
public record ThreadingRequest(String channel, Long customerId, String subject, String body,
                               List<String> references, List<String> orderNumbers,
                               List<String> waybillNumbers, String intent, boolean urgent,
                               Duration sameCustomerWindow, String relatedExternalId) {

    public ThreadingRequest(String channel, Long customerId, String subject, String body,
                            List<String> references, List<String> orderNumbers,
                            List<String> waybillNumbers, String intent, boolean urgent,
                            Duration sameCustomerWindow) {
        this(channel, customerId, subject, body, references, orderNumbers, waybillNumbers, intent, urgent,
                sameCustomerWindow, null);
    }

    public ThreadingRequest(String channel, Long customerId, String subject, String body,
                            List<String> references, List<String> orderNumbers,
                            List<String> waybillNumbers, String intent, boolean urgent) {
        this(channel, customerId, subject, body, references, orderNumbers, waybillNumbers, intent, urgent, null, null);
    }
}
