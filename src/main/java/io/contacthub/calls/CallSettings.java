package io.contacthub.calls;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The live-call part of {@code hub.voice.*} (the IVR's part is the voice channel's VoiceProperties). A bad value
 * stops the start with the property's name.
 *
 * @param queueName              the Twilio queue callers wait in ({@code <Enqueue>})
 * @param queueTimeout           a caller no agent answered within this goes to voicemail
 * @param agentRingSeconds       how long an offered agent's phone rings before the next agent is tried
 * @param holdPauseSeconds       the pause between two hold messages
 * @param holdMusicUrl           played between hold messages instead of silence; blank: silence
 * @param directToAgent          customer classes (A, B, C) and MEMBER whose callers skip the menu when an agent takes calls
 * @param centreNumber           the caller ID of calls agents place (a Twilio number); blank: agents cannot place calls
 * @param recordCalls            record calls with agents; each recording joins the call's ticket
 * @param recordingAnnouncement  zh/en: said to the customer before a recorded call is connected
 */
@Validated
@ConfigurationProperties("hub.voice")
public record CallSettings(@Size(min = 1, max = 64) String queueName, @PositiveAmount Duration queueTimeout,
                           @Positive int agentRingSeconds, @Positive int holdPauseSeconds, String holdMusicUrl,
                           List<String> directToAgent, String centreNumber, boolean recordCalls,
                           Map<String, String> recordingAnnouncement) {

    public CallSettings {
        queueName = queueName == null || queueName.isBlank() ? "hub-agents" : queueName.trim();
        queueTimeout = queueTimeout == null ? Duration.ofSeconds(120) : queueTimeout;
        agentRingSeconds = agentRingSeconds <= 0 ? 20 : agentRingSeconds;
        holdPauseSeconds = holdPauseSeconds <= 0 ? 15 : holdPauseSeconds;
        holdMusicUrl = holdMusicUrl == null || holdMusicUrl.isBlank() ? null : holdMusicUrl.trim();
        if (holdMusicUrl != null && !holdMusicUrl.startsWith("https://") && !holdMusicUrl.startsWith("http://")) {
            throw new IllegalArgumentException("hub.voice.hold-music-url must be an http(s) URL (was '" + holdMusicUrl + "')");
        }
        directToAgent = directToAgent == null ? List.of()
                : directToAgent.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList();
        for (String c : directToAgent) {
            if (!List.of("A", "B", "C", "MEMBER").contains(c)) {
                throw new IllegalArgumentException("hub.voice.direct-to-agent: '" + c + "' is none of A, B, C, MEMBER");
            }
        }
        centreNumber = centreNumber == null || centreNumber.isBlank() ? null : centreNumber.trim();
        recordingAnnouncement = recordingAnnouncement == null ? Map.of() : Map.copyOf(recordingAnnouncement);
    }

    /** The announcement in zh or en, or null when none is configured. */
    public String announcement(String lang) {
        String text = recordingAnnouncement.get("en".equals(lang) ? "en" : "zh");
        return text == null || text.isBlank() ? null : text.strip();
    }
}
