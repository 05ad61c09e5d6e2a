package io.contacthub.satisfaction;

import io.contacthub.config.HubSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rating links in survey mails: {@code <base>/portal/rate/<survey id>.<signature>}. The signature is an
 * HMAC-SHA256 of the survey id under the hub's key, cut to 128 bits: a customer can open their own survey without
 * signing in, and nobody can make the link of another survey by changing the number. The key is the operator's
 * ({@code hub.surveys.signing-key}) or one the hub made once and keeps in {@code hub_secret}, so every node and
 * every restart signs alike.
 */
@Component
public class SurveyLinks {

    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{22})");
    private static final String SECRET_NAME = "survey-link-key";

    private final JdbcClient jdbc;
    private final SurveySettings settings;
    private final HubSettings hub;
    private final Environment environment;
    private volatile byte[] key;

    SurveyLinks(JdbcClient jdbc, SurveySettings settings, HubSettings hub, Environment environment) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.hub = hub;
        this.environment = environment;
    }

    public String token(long surveyId) {
        return surveyId + "." + signature(surveyId);
    }

    /** @return the survey a token names, or empty for anything that is not a token this hub signed */
    public OptionalLong surveyOf(String token) {
        var m = token == null || token.length() > 64 ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(m.group(1));
        boolean signed = MessageDigest.isEqual(signature(id).getBytes(StandardCharsets.US_ASCII),
                m.group(2).getBytes(StandardCharsets.US_ASCII));
        return signed ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The rating page of a survey, absolute, for a mail. */
    public String pageUrl(long surveyId) {
        return base() + "/portal/rate/" + token(surveyId);
    }

    private String base() {
        if (!settings.linkBase().isEmpty()) {
            return settings.linkBase();
        }
        if (!hub.publicUrl().isEmpty()) {
            return hub.publicUrl();
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private String signature(long surveyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] full = mac.doFinal(("survey:" + surveyId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(full).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = settings.signingKey().isEmpty() ? storedKey() : settings.signingKey().getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }

    private byte[] storedKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Two nodes starting at once: the first insert wins and both read it back.
        jdbc.sql("insert into hub_secret (name, value) values (?, ?) on conflict (name) do nothing").params(SECRET_NAME, fresh).update();
        return jdbc.sql("select value from hub_secret where name = ?").param(SECRET_NAME).query(byte[].class).single();
    }
}
