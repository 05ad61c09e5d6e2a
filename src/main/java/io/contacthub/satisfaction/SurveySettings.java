package io.contacthub.satisfaction;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.surveys} (defaults in application.yml).
 *
 * @param enabled         ask customers for a rating when staff resolve their ticket
 * @param linkBase        the address customers open the rating page at, e.g. https://service.example.cn
 *                        (HUB_SURVEY_LINK_BASE); empty: {@code hub.public-url}, else this machine's own address
 *                        (right only for a hub tried out on one's own computer)
 * @param signingKey      the key rating links are signed with (HUB_SURVEY_SIGNING_KEY, at least 32 characters);
 *                        empty: one the hub makes once and keeps in its database
 * @param answerWindow    how long a link and an SMS "reply 1 to 5" are taken as an answer (14d)
 * @param commentMaxChars the longest comment kept (1000)
 */
@Validated
@ConfigurationProperties("hub.surveys")
public record SurveySettings(
        @NotNull Boolean enabled,
        @Pattern(regexp = "(https?://[^/?#\\s]+(/\\S*)?)?", message = "must be an absolute http(s) URL, or empty") String linkBase,
        @Pattern(regexp = "(.{32,})?", message = "must be at least 32 characters, or empty") String signingKey,
        @PositiveAmount Duration answerWindow,
        @NotNull @Min(1) @Max(10000) Integer commentMaxChars) {

    public SurveySettings {
        linkBase = linkBase == null ? "" : linkBase.trim().replaceAll("/+$", "");
        signingKey = signingKey == null ? "" : signingKey;
    }
}
