package io.contacthub.web;

import io.contacthub.http.WebSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import io.contacthub.http.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing on every door that checks a password: the staff console form and HTTP
 * Basic on the staff API (one realm, {@code staff}: they check the same passwords) and the member
 * portal's form (realm {@code portal}, counted apart). A refused attempt is answered before the
 * password is looked at: 429 with Retry-After on the API, {@code ?locked} on the forms.
 * <p>
 * Instead of a hard lock (which let anyone keep {@code admin} out by failing five times) each
 * failure is counted three ways, and after a number of free attempts each further attempt must
 * wait {@code first-delay × 2^(failures − free)}, at most {@code max-delay}, from the last failure:
 * <ul>
 *   <li>per account at one address ({@code free-attempts}, 5): slows one guesser against one
 *       account; a success from that address clears it;</li>
 *   <li>per address over all accounts ({@code address-free-attempts}, 20): slows one guesser
 *       trying many accounts;</li>
 *   <li>per account over all addresses ({@code account-free-attempts}, 20): slows many guessers
 *       (a botnet) against one account.</li>
 * </ul>
 * An address an account has signed in from successfully (within {@code known-address-for}) is
 * held only to the first count for that account: guessers elsewhere, however many, cannot delay the
 * account's owner at a place they signed in from before, and failures there are still slowed by the
 * first count. Counts are forgotten {@code forget-after} the last failure. All of it is kept in
 * memory per node; a restart forgets it.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private record Failures(int count, Instant last) {
    }

    /** An attempt refused before its password was checked; {@link #retryAfter} says for how long. */
    public static final class SignInDelayed extends AuthenticationException {
        private final Duration retryAfter;

        SignInDelayed(Duration retryAfter) {
            super("too many failed sign-ins; try again in " + seconds(retryAfter) + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final int freeAttempts;
    private final int addressFreeAttempts;
    private final int accountFreeAttempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Cache<String, Failures> failures;
    private final Cache<String, Boolean> knownAddresses;

    @Autowired
    LoginThrottle(WebSettings web) {
        this(web.login().freeAttempts(), web.login().addressFreeAttempts(), web.login().accountFreeAttempts(),
                web.login().firstDelay(), web.login().maxDelay(), web.login().forgetAfter(), web.login().knownAddressFor(),
                Clock.systemUTC());
    }

    LoginThrottle(int freeAttempts, int addressFreeAttempts, int accountFreeAttempts, Duration firstDelay, Duration maxDelay,
                  Duration forgetAfter, Duration knownAddressFor, Clock clock) {
        if (freeAttempts < 1 || addressFreeAttempts < 1 || accountFreeAttempts < 1) {
            throw new IllegalArgumentException("hub.web.login.*free-attempts must be at least 1");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("hub.web.login.first-delay must be positive and at most hub.web.login.max-delay");
        }
        this.freeAttempts = freeAttempts;
        this.addressFreeAttempts = addressFreeAttempts;
        this.accountFreeAttempts = accountFreeAttempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(forgetAfter).ticker(() -> nanos(clock)).build();
        this.knownAddresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(knownAddressFor)
                .ticker(() -> nanos(clock)).build();
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    Duration delay(String realm, String login, String address) {
        Instant now = clock.instant();
        Duration wait = remaining(pairKey(realm, login, address), freeAttempts, now);
        if (knownAddresses.getIfPresent(pairKey(realm, login, address)) == null) {
            wait = max(wait, remaining(addressKey(realm, address), addressFreeAttempts, now));
            wait = max(wait, remaining(accountKey(realm, login), accountFreeAttempts, now));
        }
        return wait;
    }

    void failed(String realm, String login, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {pairKey(realm, login, address), addressKey(realm, address), accountKey(realm, login)}) {
            failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
        Failures pair = failures.getIfPresent(pairKey(realm, login, address));
        if (pair != null && pair.count() >= freeAttempts) {
            log.warn("Sign-in ({}): {} failed attempts for '{}' from {}; further attempts are delayed", realm, pair.count(),
                    normalized(login), address);
        }
    }

    void succeeded(String realm, String login, String address) {
        failures.invalidate(pairKey(realm, login, address));
        knownAddresses.put(pairKey(realm, login, address), Boolean.TRUE);
    }

    /**
     * The sign-in of one realm with the throttle around it: a delayed attempt is refused with
     * {@link SignInDelayed} before {@code delegate} sees it; wrong passwords are counted; a success
     * marks its address as known for the account.
     */
    AuthenticationManager guard(String realm, AuthenticationManager delegate) {
        return authentication -> {
            String login = authentication.getName();
            String address = address(authentication);
            Duration wait = delay(realm, login, address);
            if (!wait.isZero()) {
                throw new SignInDelayed(wait);
            }
            Authentication result;
            try {
                result = delegate.authenticate(authentication);
            } catch (BadCredentialsException e) { // unknown names too: the provider hides which it was
                failed(realm, login, address);
                throw e;
            }
            if (result != null && result.isAuthenticated()) {
                succeeded(realm, login, address);
            }
            return result;
        };
    }

    /** For HTTP Basic: 429 with Retry-After while delayed, else the usual 401 challenge. */
    AuthenticationEntryPoint basicEntryPoint(String realmName) {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(realmName);
        challenge.afterPropertiesSet();
        return (request, response, exception) -> {
            if (exception instanceof SignInDelayed delayed) {
                response.setHeader("Retry-After", String.valueOf(seconds(delayed.retryAfter())));
                ApiProblem.write(request, response, 429, delayed.getMessage());
                return;
            }
            challenge.commence(request, response, exception);
        };
    }

    AuthenticationFailureHandler onFailure(String loginUrl) {
        return (request, response, exception) -> redirect(request, response,
                loginUrl + (exception instanceof SignInDelayed ? "?locked" : "?error"));
    }

    AuthenticationSuccessHandler onSuccess(String defaultUrl) {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl(defaultUrl);
        return next;
    }

    private static void redirect(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, String path)
            throws IOException {
        response.sendRedirect(request.getContextPath() + path);
    }

    private Duration remaining(String key, int free, Instant now) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - free, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        if (delay.compareTo(maxDelay) > 0) {
            delay = maxDelay;
        }
        Duration left = Duration.between(now, f.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static long nanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String normalized(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }

    private static String pairKey(String realm, String login, String address) {
        return realm + "|pair|" + normalized(login) + "|" + address;
    }

    private static String addressKey(String realm, String address) {
        return realm + "|address|" + address;
    }

    private static String accountKey(String realm, String login) {
        return realm + "|account|" + normalized(login);
    }
}
