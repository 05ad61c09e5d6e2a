/**
 * Live calls between customers and agents over Twilio: callers waiting in a queue offered to available agents
 * (longest idle first), calls agents place from a ticket, every call's outcome and duration from Twilio's status
 * callbacks, and missed calls to call back. The voice channel answers Twilio's webhooks and hands them here; this
 * module uses no channel.
 */
@ApplicationModule(displayName = "Live calls", allowedDependencies = {"presence", "twilio", "config"})
package io.contacthub.calls;

import org.springframework.modulith.ApplicationModule;
