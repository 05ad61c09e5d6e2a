package io.contacthub.channel.chat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The web chat, from {@code hub.chat} (defaults in application.yml). A bad value stops the start with the
 * property's name.
 *
 * @param allowedOrigins           web sites (scheme://host[:port], no path) that may embed the chat
 *                                 ({@code /chat/embed.js}): they may frame the widget and call the chat API from
 *                                 their pages. The hub's own origin is always allowed; nothing else is.
 * @param maxMessageChars          one line's length; longer lines are refused with the reason, not cut
 * @param linesPerMinute           lines one conversation may send per minute
 * @param conversationsPerMinute   conversations one client address may open per minute
 * @param agentSeenWithin          an agent whose console polled the chat (HTTP fallback) within this counts as there
 * @param customerSeenWithin       a visitor whose browser polled within this counts as still in the chat
 * @param longPollWait             how long the HTTP fallback holds a poll open waiting for something new
 */
@Validated
@ConfigurationProperties("hub.chat")
public record ChatSettings(
        @NotNull List<@Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                message = "must be scheme://host[:port] with no path, e.g. https://www.example.com") String> allowedOrigins,
        @NotNull @Min(1) @Max(20000) Integer maxMessageChars,
        @NotNull @Min(1) @Max(10000) Integer linesPerMinute,
        @NotNull @Min(1) @Max(100000) Integer conversationsPerMinute,
        @NotNull Duration agentSeenWithin,
        @NotNull Duration customerSeenWithin,
        @NotNull Duration longPollWait) {

    public ChatSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (longPollWait != null && (longPollWait.isNegative() || longPollWait.toSeconds() > 55)) {
            throw new IllegalArgumentException("hub.chat.long-poll-wait must be 0-55 s (proxies close idle requests at 60 s)");
        }
    }
}
