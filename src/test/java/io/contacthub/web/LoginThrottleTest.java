package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The schedule of the sign-in throttle, on a clock the test moves. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, 20, 20, Duration.ofSeconds(30), Duration.ofMinutes(15),
            Duration.ofHours(24), Duration.ofDays(30), clock);

    @Test
    void afterFiveFreeAttemptsEachFailureDoublesTheWaitUpToTheMaximum() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("staff", "agent", "10.0.0.1");
            assertThat(throttle.delay("staff", "agent", "10.0.0.1")).isZero();
        }
        Duration[] expected = {Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(480), Duration.ofMinutes(15), Duration.ofMinutes(15)};
        for (Duration wait : expected) {
            throttle.failed("staff", "agent", "10.0.0.1");
            assertThat(throttle.delay("staff", "agent", "10.0.0.1")).isEqualTo(wait);
            clock.advance(wait.minusSeconds(1));
            assertThat(throttle.delay("staff", "agent", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            assertThat(throttle.delay("staff", "agent", "10.0.0.1")).as("may try again").isZero();
        }
    }

    @Test
    void successClearsTheAccountsCountAtThatAddressOnly() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("staff", "agent", "10.0.0.1");
            throttle.failed("staff", "agent", "10.0.0.2");
        }
        throttle.succeeded("staff", "agent", "10.0.0.1");
        assertThat(throttle.delay("staff", "agent", "10.0.0.1")).isZero();
        assertThat(throttle.delay("staff", "agent", "10.0.0.2")).isPositive();
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedAfterTwentyFailures() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("staff", "user" + i, "10.0.0.3");
        }
        assertThat(throttle.delay("staff", "someone-else", "10.0.0.3")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.delay("staff", "someone-else", "10.0.0.4")).isZero();
    }

    @Test
    void manyAddressesAgainstOneAccountSlowUnknownAddressesButNotOnesTheAccountSignedInFrom() {
        throttle.succeeded("staff", "admin", "192.0.2.10");
        for (int i = 0; i < 20; i++) {
            throttle.failed("staff", "admin", "203.0.113." + i);
        }
        assertThat(throttle.delay("staff", "admin", "198.51.100.1")).as("a new address").isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.delay("staff", "admin", "192.0.2.10")).as("where admin signed in before").isZero();
        clock.advance(Duration.ofDays(31));
        assertThat(throttle.delay("staff", "admin", "192.0.2.10")).as("counts forgotten a day after the last failure").isZero();
    }

    @Test
    void knownAddressIsStillSlowedForGuessesMadeThere() {
        throttle.succeeded("staff", "admin", "192.0.2.10");
        for (int i = 0; i < 5; i++) {
            throttle.failed("staff", "admin", "192.0.2.10");
        }
        assertThat(throttle.delay("staff", "admin", "192.0.2.10")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void realmsAreCountedApart() {
        for (int i = 0; i < 25; i++) {
            throttle.failed("portal", "member" + i, "10.0.0.5");
        }
        assertThat(throttle.delay("portal", "another", "10.0.0.5")).isPositive();
        assertThat(throttle.delay("staff", "agent", "10.0.0.5")).isZero();
    }

    @Test
    void countsAreForgottenADayAfterTheLastFailure() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("staff", "agent", "10.0.0.6");
        }
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(throttle.delay("staff", "agent", "10.0.0.6")).isZero();
        throttle.failed("staff", "agent", "10.0.0.6");
        assertThat(throttle.delay("staff", "agent", "10.0.0.6")).as("one failure, four free ones left").isZero();
    }

    @Test
    void guardedSignInRefusesADelayedAttemptBeforeThePasswordIsChecked() {
        int[] checked = {0};
        AuthenticationManager passwords = authentication -> {
            checked[0]++;
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, java.util.List.of());
        };
        AuthenticationManager guarded = throttle.guard("staff", passwords);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guarded.authenticate(attempt("agent", "wrong", "10.0.0.7")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> guarded.authenticate(attempt("agent", "right", "10.0.0.7")))
                .isInstanceOf(LoginThrottle.SignInDelayed.class)
                .satisfies(e -> assertThat(((LoginThrottle.SignInDelayed) e).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(checked[0]).isEqualTo(5);
        assertThat(guarded.authenticate(attempt("agent", "right", "10.0.0.8")).isAuthenticated()).isTrue();
    }

    private static Authentication attempt(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
