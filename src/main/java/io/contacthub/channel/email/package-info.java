/**
 * Where a mail becomes a message: mailbox polling (IMAP/POP3, the server's ids remembered),
 * the mapper from a fetched mail to an {@code InboundMessage} and the parser of the stored RFC 822 bytes. A channel
 * module: it uses the core (intake, extract, understand) and no other channel; nothing but its routes
 * ({@code routes/channels/email-in.camel.yaml}) uses it.
 */
@ApplicationModule(displayName = "E-mail channel")
package io.contacthub.channel.email;

import org.springframework.modulith.ApplicationModule;
