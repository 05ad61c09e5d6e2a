package io.contacthub.web;

import io.contacthub.http.WebSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import io.contacthub.http.ApiProblem;
import io.contacthub.limits.SharedCounters;
import io.contacthub.limits.SharedLimitUnavailable;
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
 * first count. Counts are forgotten {@code forget-after} the last failure. On a single node all of it is
 * kept in memory ({@link LocalSignInMemory}); a restart forgets it. In cluster mode it is kept in
 * PostgreSQL for all nodes ({@link SharedSignInMemory}): failures on any node count, a success on one
 * is known on all. When that database cannot be asked in time, an attempt is refused as delayed for
 * {@value #RETRY_WHEN_UNAVAILABLE_SECONDS} s: the passwords are checked against the same database, so
 * nobody could sign in anyway, and a throttle that gave way under load would be the one a guesser
 * waits for.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    static final long RETRY_WHEN_UNAVAILABLE_SECONDS = 5;

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
    private final SignInMemory memory;

    @Autowired
    LoginThrottle(WebSettings web, SharedCounters shared) {
        this(web.login().freeAttempts(), web.login().addressFreeAttempts(), web.login().accountFreeAttempts(),
                web.login().firstDelay(), web.login().maxDelay(), Clock.systemUTC(),
                shared.active() ? new SharedSignInMemory(shared, web.login().forgetAfter(), web.login().knownAddressFor())
                        : new LocalSignInMemory(web.login().forgetAfter(), web.login().knownAddressFor(), Clock.systemUTC()));
    }

    /** Remembering in this node's memory. */
    LoginThrottle(int freeAttempts, int addressFreeAttempts, int accountFreeAttempts, Duration firstDelay, Duration maxDelay,
                  Duration forgetAfter, Duration knownAddressFor, Clock clock) {
        this(freeAttempts, addressFreeAttempts, accountFreeAttempts, firstDelay, maxDelay, clock,
                new LocalSignInMemory(forgetAfter, knownAddressFor, clock));
    }

    LoginThrottle(int freeAttempts, int addressFreeAttempts, int accountFreeAttempts, Duration firstDelay, Duration maxDelay,
                  Clock clock, SignInMemory memory) {
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
        this.memory = memory;
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    Duration delay(String realm, String login, String address) {
        Instant now = clock.instant();
        SignInMemory.Seen seen;
        try {
            seen = memory.seen(pairKey(realm, login, address), addressKey(realm, address), accountKey(realm, login), now);
        } catch (SharedLimitUnavailable e) {
            return Duration.ofSeconds(RETRY_WHEN_UNAVAILABLE_SECONDS);
        }
        Duration wait = remaining(seen.pair(), freeAttempts, now);
        if (!seen.knownAddress()) {
            wait = max(wait, remaining(seen.address(), addressFreeAttempts, now));
            wait = max(wait, remaining(seen.account(), accountFreeAttempts, now));
        }
        return wait;
    }

    void failed(String realm, String login, String address) {
        int pair;
        try {
            pair = memory.failed(pairKey(realm, login, address), addressKey(realm, address), accountKey(realm, login),
                    clock.instant());
        } catch (SharedLimitUnavailable e) {
            return; // uncounted, but the next attempt is refused until the database answers again
        }
        if (pair >= freeAttempts) {
            log.warn("Sign-in ({}): {} failed attempts for '{}' from {}; further attempts are delayed", realm, pair,
                    normalized(login), address);
        }
    }

    void succeeded(String realm, String login, String address) {
        try {
            memory.succeeded(pairKey(realm, login, address), clock.instant());
        } catch (SharedLimitUnavailable e) {
            // signed in all the same; the address is only not remembered as known this time
        }
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

    private Duration remaining(SignInMemory.Failures f, int free, Instant now) {
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
