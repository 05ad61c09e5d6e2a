package io.contacthub.intake;

/** How processing settled a message: its status, the ticket it joined or opened, and why. */
public record Outcome(long messageId, MessageStatus status, String ticketRef, boolean ticketOpened, String note) {
}
