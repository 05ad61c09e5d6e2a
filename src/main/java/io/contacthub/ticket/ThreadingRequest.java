package io.contacthub.ticket;

import java.time.Duration;
import java.util.List;

/**
 * What threading looks at to decide which ticket a contact belongs to.
 *
 * @param senderProven       the customer was chosen by an observed or verified identity (or a member's
 *                           session): only then may a {@code [#CH-…]} tag join that customer's ticket
 * @param provenIdentities   the contact's observed/verified identities as {@code KIND:value}, matched
 *                           against the participants staff added to a ticket
 * @param sameCustomerWindow when set, an open ticket of the same customer with a contact on the same
 *                           channel and a last contact within this window is joined (after tags,
 *                           mail references and same-matter numbers); null = off
 * @param relatedExternalId  the external id of an earlier message on the same channel: its ticket is
 *                           joined first after tags (a voicemail names its call); null = none
 */
public record ThreadingRequest(String channel, Long customerId, boolean senderProven, List<String> provenIdentities,
                               String subject, String body,
                               List<String> references, List<String> orderNumbers,
                               List<String> waybillNumbers, String intent, boolean urgent,
                               Duration sameCustomerWindow, String relatedExternalId) {

    public ThreadingRequest {
        provenIdentities = provenIdentities == null ? List.of() : List.copyOf(provenIdentities);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
