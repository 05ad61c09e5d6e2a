package io.contacthub.customer;

import java.util.Objects;

/**
 * An identity a contact came with, of any registered kind ({@code io.contacthub.descriptor.IdentityKind}),
 * as the channel received it (not yet normalised) and how the channel knows it.
 */
public record GivenIdentity(String kind, String value, Provenance provenance) {

    public GivenIdentity {
        Objects.requireNonNull(kind, "kind");
        provenance = provenance == null ? Provenance.CLAIMED : provenance;
    }
}
