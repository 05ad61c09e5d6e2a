package io.contacthub.customer;

/**
 * How the hub knows a way to reach a customer. Only {@link #OBSERVED} and {@link #VERIFIED}
 * identities choose a customer for a contact, receive texts and calls, or open a member login;
 * a {@link #CLAIMED} one is what a stranger typed and could be anyone's.
 */
public enum Provenance {
    /** The channel proved it: a text or call came from that number, a mail arrived from that address. */
    OBSERVED,
    /** Typed into a form. */
    CLAIMED,
    /** The customer answered a one-time code sent to it, or staff confirmed it. */
    VERIFIED;

    public boolean proven() {
        return this != CLAIMED;
    }
}
