package io.contacthub.channel.letter;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.letter}: what staff may upload with a logged letter (defaults in application.yml). A bad value
 * stops the start with the property's name.
 *
 * @param maxFileBytes a scanned file larger than this is refused by the form (nothing stored); must fit
 *                     under {@code spring.servlet.multipart.max-file-size}, which the start checks
 * @param maxOcrPages  pages of one scan that are OCR'd while the staff member waits; a longer scan is refused
 *                     as FAILED with the reason (split it, or send it as a fax)
 */
@Validated
@ConfigurationProperties("hub.letter")
public record LetterSettings(@PositiveAmount DataSize maxFileBytes, @Positive int maxOcrPages) {
}
