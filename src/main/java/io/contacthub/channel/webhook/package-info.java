/**
 * Where a signed JSON post from an integrator's system (a marketplace, a chat app, a carrier's exception feed)
 * becomes a message: {@code POST /webhooks/in/<source>}, its HMAC signature, the source's field mapping, attachment
 * downloads from the source's allowed hosts, and answers POSTed back to the source's reply-url. Its sources and
 * their identity kinds are configuration ({@code hub.webhook-in}). A channel module: it uses the core and no other
 * channel. The walk-through of docs/CHANNELS.md follows it.
 */
@ApplicationModule(displayName = "Webhook channel")
package io.contacthub.channel.webhook;

import org.springframework.modulith.ApplicationModule;
