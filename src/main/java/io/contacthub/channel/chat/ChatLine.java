package io.contacthub.channel.chat;

/**
 * One visitor line as the hub stores it (the raw original of its inbound message). Written by the hub from the
 * conversation's record, never taken from the browser as it is: only {@code messageId} and {@code text} come from
 * the visitor, so {@code memberCustomerId} is what the portal session proved when the conversation opened.
 *
 * @param conversation     the conversation's public id
 * @param messageId        the id the visitor's browser gave the line (its resends carry the same one)
 * @param firstExternalId  the external id of the conversation's first line, whose ticket this one continues; null
 *                         for the first line
 */
record ChatLine(String conversation, String messageId, String firstExternalId, String name, String email, String phone,
                Long memberCustomerId, String language, String text) {
}
