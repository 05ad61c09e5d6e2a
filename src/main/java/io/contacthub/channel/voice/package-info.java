/**
 * Where a call becomes a message: Twilio voice webhooks, the IVR and voicemail recordings
 * transcribed offline. A channel module: it uses the core and no other channel. Besides the core it uses one
 * integration on purpose, and says so: the IVR reads a keyed-in waybill's status to the caller from the tracking
 * system ({@code backoffice::tracking}).
 */
@ApplicationModule(displayName = "Voice channel", allowedDependencies = {
        "intake", "descriptor", "understand", "extract :: speech", "twilio", "config",
        "calls", // live calls: the queue, agents' legs and status callbacks are the calls module's
        "backoffice :: tracking" // the IVR: a keyed-in waybill's status, read to the caller
})
package io.contacthub.channel.voice;

import org.springframework.modulith.ApplicationModule;
