package io.contacthub.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.notify.twilio.*}: the numbers the hub texts and calls from.
 *
 * @param smsFrom   a Twilio number in E.164, or a Messaging Service SID (MG…); blank = SMS stay QUEUED
 * @param voiceFrom a Twilio voice number in E.164; blank = calls stay QUEUED
 */
@ConfigurationProperties("hub.notify.twilio")
record TwilioOutbound(String smsFrom, String voiceFrom) {

    TwilioOutbound {
        smsFrom = smsFrom == null || smsFrom.isBlank() ? null : smsFrom.trim();
        voiceFrom = voiceFrom == null || voiceFrom.isBlank() ? null : voiceFrom.trim();
    }
}
