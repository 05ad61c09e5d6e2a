/**
 * Where a text (SMS/MMS, Twilio) becomes a message, media read by OCR. A channel module: it
 * uses the core and no other channel.
 */
@ApplicationModule(displayName = "SMS channel")
package io.contacthub.channel.sms;

import org.springframework.modulith.ApplicationModule;
