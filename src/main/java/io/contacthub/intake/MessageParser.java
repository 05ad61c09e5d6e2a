package io.contacthub.intake;

/**
 * Turns a stored message of one channel into content the pipeline understands. Each channel
 * package provides one; the core only knows this interface.
 */
public interface MessageParser {

    /** The channel name this parser reads, e.g. {@code EMAIL}. */
    String channel();

    /**
     * @throws UnreadableMessageException when the raw message cannot be read at all; the message
     *         becomes FAILED with the exception's text as its reason
     */
    ParsedContent parse(StoredMessage message);
}
