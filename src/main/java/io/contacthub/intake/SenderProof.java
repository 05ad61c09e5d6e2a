package io.contacthub.intake;

import io.contacthub.customer.Provenance;

/**
 * What the channel proved about the sender of a message. A channel that says nothing proves
 * nothing: its e-mail address and phone number are taken as typed-in claims.
 *
 * @param email            how the sender's e-mail address is known
 * @param phone            how the sender's phone number is known
 * @param memberCustomerId the signed-in member the message came from (portal), or null
 */
public record SenderProof(Provenance email, Provenance phone, Long memberCustomerId) {

    public static final SenderProof NOTHING = new SenderProof(Provenance.CLAIMED, Provenance.CLAIMED, null);
    public static final SenderProof OBSERVED_EMAIL = new SenderProof(Provenance.OBSERVED, Provenance.CLAIMED, null);
    public static final SenderProof OBSERVED_PHONE = new SenderProof(Provenance.CLAIMED, Provenance.OBSERVED, null);

    public SenderProof {
        email = email == null ? Provenance.CLAIMED : email;
        phone = phone == null ? Provenance.CLAIMED : phone;
    }

    public static SenderProof member(long customerId) {
        return new SenderProof(Provenance.CLAIMED, Provenance.CLAIMED, customerId);
    }
}
