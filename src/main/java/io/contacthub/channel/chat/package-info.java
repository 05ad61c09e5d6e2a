/**
 * Web chat: a chat box on the portal and an embeddable script for the centre's own site, over WebSocket with an
 * HTTP fallback. Every visitor line goes through the receive stage like any channel's message (keyed by the
 * browser's own message id, so a resend after a reconnect is the same message) and the conversation is one ticket
 * of channel CHAT; agents answer from the ticket page in real time. When nobody has the agent side open the
 * visitor is told so, and the conversation goes on as a message answered by e-mail (or text) through the hub's
 * notifications. A channel module: it uses the core and no other channel.
 */
@ApplicationModule(displayName = "Chat channel")
package io.contacthub.channel.chat;

import org.springframework.modulith.ApplicationModule;
