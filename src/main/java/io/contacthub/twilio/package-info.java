/**
 * Twilio as an integration, shared by every Twilio channel (SMS, voice and recordings; fax later):
 * the webhook signature check in front of {@code /twilio/**}, form-body reading and media
 * downloads from Twilio's REST API. Not a channel: channel packages may use it, it uses none of them.
 */
@ApplicationModule(displayName = "Twilio")
package io.contacthub.twilio;

import org.springframework.modulith.ApplicationModule;
