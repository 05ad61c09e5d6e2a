package io.contacthub.database;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the hub's PostgreSQL is, from {@code hub.db} and {@code hub.data-dir} (defaults in application.yml). A bad
 * value stops the start with the property's name.
 *
 * @param url      an external PostgreSQL (HUB_DB_URL, or spring.datasource.url / SPRING_DATASOURCE_URL), a
 *                 {@code jdbc:postgresql:} URL; empty: a PostgreSQL started in-process under data-dir
 * @param user     its user (HUB_DB_USER)
 * @param password its password (HUB_DB_PASSWORD)
 */
@Validated
@ConfigurationProperties("hub.db")
public record DatabaseSettings(
        @Pattern(regexp = "(jdbc:postgresql:\\S+)?", message = "must be a jdbc:postgresql: URL, or empty for the embedded database")
        String url,
        String user,
        String password) {

    public DatabaseSettings {
        // Unset means "the embedded database", not a bad value.
        url = url == null ? "" : url.trim();
        user = user == null || user.isBlank() ? null : user.trim();
        password = password == null || password.isEmpty() ? null : password;
    }

    public boolean external() {
        return !url.isEmpty();
    }
}
