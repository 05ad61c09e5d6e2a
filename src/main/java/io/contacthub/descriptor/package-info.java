/**
 * What the rest of the hub knows about a channel, declared once by the channel itself: its name and
 * labels, the identity kinds its senders have, how its customers are answered, its threading hints,
 * whether a new ticket from it is acknowledged, its own inbound filters ({@link
 * io.contacthub.descriptor.ChannelDescriptor}). Nothing else in the hub names a channel: the console,
 * notifications, preferred-channel rules, acknowledgements and tracking answers ask the {@link
 * io.contacthub.descriptor.ChannelCatalog}. Depends on no other part of the hub, so every part may
 * depend on it. See docs/CHANNELS.md.
 */
@ApplicationModule(displayName = "Channel descriptors", allowedDependencies = {}) // depends on no other module
package io.contacthub.descriptor;

import org.springframework.modulith.ApplicationModule;
