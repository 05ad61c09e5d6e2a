package io.contacthub.http;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's doors to the internet, from {@code hub.web} (defaults in application.yml): limits of the public
 * endpoints, the reverse proxies trusted to name the client, and the sign-in throttle. A bad value stops
 * the start with the property's name.
 *
 * @param maxBodyBytes             largest body {@code POST /api/messages} accepts (a size: 65536, 64KB); larger: 413
 * @param rateLimitPerMinute       requests per minute from one client address to a public door
 *                                 (HUB_WEB_RATE_LIMIT); the API and the portal's forms are counted apart
 * @param globalRateLimitPerMinute requests per minute from all clients together to a public door
 *                                 (HUB_WEB_GLOBAL_RATE_LIMIT)
 * @param trustedProxies           reverse proxies whose forwarded header names the client: IP addresses or CIDR
 *                                 ranges (HUB_TRUSTED_PROXIES, comma-separated); empty: the TCP peer is the client
 * @param forwardedHeader          the header the trusted proxies append to: X-Forwarded-For or Forwarded (RFC 7239)
 * @param login                    the sign-in throttle (console, staff API, portal)
 */
@Validated
@ConfigurationProperties("hub.web")
public record WebSettings(
        @PositiveAmount DataSize maxBodyBytes,
        @NotNull @Positive Integer rateLimitPerMinute,
        @NotNull @Positive Integer globalRateLimitPerMinute,
        List<String> trustedProxies,
        @NotNull @Pattern(regexp = "(?i)X-Forwarded-For|Forwarded", message = "must be X-Forwarded-For or Forwarded")
        String forwardedHeader,
        @Valid @NotNull Login login) {

    public WebSettings {
        List<String> proxies = new ArrayList<>();
        for (String proxy : trustedProxies == null ? List.<String>of() : trustedProxies) {
            if (proxy != null && !proxy.isBlank()) {
                proxies.add(proxy.trim());
            }
        }
        for (int i = 0; i < proxies.size(); i++) {
            try {
                new IpAddressMatcher(proxies.get(i)); // refuses host names: no DNS on the request path
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hub.web.trusted-proxies[" + i + "] must be an IP address or CIDR range, not '"
                        + proxies.get(i) + "' (" + e.getMessage() + ")", e);
            }
        }
        trustedProxies = List.copyOf(proxies);
        forwardedHeader = forwardedHeader == null ? null : forwardedHeader.trim();
    }

    /** {@link #maxBodyBytes()} as an int. */
    public int maxBodyBytesInt() {
        return Math.toIntExact(maxBodyBytes.toBytes());
    }

    /**
     * The sign-in throttle: after the free attempts each further attempt waits {@code first-delay}, doubling per
     * failure up to {@code max-delay}.
     *
     * @param freeAttempts        failed sign-ins allowed per account from one address before delays start
     * @param addressFreeAttempts failed sign-ins allowed per address, all accounts together
     * @param accountFreeAttempts failed sign-ins allowed per account from addresses it never signed in from
     * @param firstDelay          the first wait once the free attempts are used
     * @param maxDelay            the longest wait (at least first-delay)
     * @param forgetAfter         failures older than this are forgotten
     * @param knownAddressFor     an address an account signed in from is exempt from the per-address and
     *                            per-account counts for this long
     */
    public record Login(Integer freeAttempts, Integer addressFreeAttempts, Integer accountFreeAttempts, Duration firstDelay,
                        Duration maxDelay, Duration forgetAfter, Duration knownAddressFor) {

        // Checked here rather than with constraints: a constraint failing on a nested record is reported as
        // "login.firstDelay" without the property's origin, and an operator should read hub.web.login.first-delay.
        public Login {
            atLeastOne("free-attempts", freeAttempts);
            atLeastOne("address-free-attempts", addressFreeAttempts);
            atLeastOne("account-free-attempts", accountFreeAttempts);
            positive("first-delay", firstDelay);
            positive("max-delay", maxDelay);
            positive("forget-after", forgetAfter);
            positive("known-address-for", knownAddressFor);
            if (maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("hub.web.login.max-delay must be at least hub.web.login.first-delay (was "
                        + maxDelay + " < " + firstDelay + ")");
            }
        }

        private static void atLeastOne(String property, Integer value) {
            if (value == null || value < 1) {
                throw new IllegalArgumentException("hub.web.login." + property + " must be at least 1 (was " + value + ")");
            }
        }

        private static void positive(String property, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("hub.web.login." + property + " must be a positive duration such as 30s (was "
                        + value + ")");
            }
        }
    }
}
