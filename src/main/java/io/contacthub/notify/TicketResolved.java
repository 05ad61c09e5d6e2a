package io.contacthub.notify;

/**
 * Staff moved a ticket to RESOLVED (from any other status), published inside the transaction of the change so
 * that what listens (the satisfaction survey) commits or rolls back with it.
 *
 * @param ref   the ticket's reference
 * @param staff who resolved it
 */
public record TicketResolved(String ref, String staff) {
}
