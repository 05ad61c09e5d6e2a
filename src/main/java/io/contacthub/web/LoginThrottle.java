package io.contacthub.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing on the two sign-in forms (staff console and member portal): after
 * {@code hub.web.login.max-failures} failed attempts for one login name, or four times as many from
 * one client address, further attempts are refused for {@code hub.web.login.lockout}, even with
 * the right password. Counts are kept in memory per node; a restart forgets them.
 */
@Component
public class LoginThrottle {

    private final int maxFailures;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(@Value("${hub.web.login.max-failures:5}") int maxFailures,
                  @Value("${hub.web.login.lockout:15m}") Duration lockout) {
        this.maxFailures = maxFailures;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lockout).build();
    }

    boolean locked(String form, String login, String address) {
        AtomicInteger byLogin = failures.getIfPresent(loginKey(form, login));
        AtomicInteger byAddress = failures.getIfPresent("ip:" + address);
        return (byLogin != null && byLogin.get() >= maxFailures) || (byAddress != null && byAddress.get() >= maxFailures * 4);
    }

    void failed(String form, String login, String address) {
        failures.asMap().computeIfAbsent(loginKey(form, login), k -> new AtomicInteger()).incrementAndGet();
        failures.asMap().computeIfAbsent("ip:" + address, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String form, String login) {
        failures.invalidate(loginKey(form, login));
    }

    /** Refuses a sign-in POST to {@code loginUrl} while its login name or address is locked out. */
    OncePerRequestFilter filter(String form, String loginUrl) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && loginUrl.equals(request.getServletPath())
                        && locked(form, request.getParameter("username"), request.getRemoteAddr())) {
                    response.sendRedirect(request.getContextPath() + loginUrl + "?locked");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler onFailure(String form, String loginUrl) {
        return (request, response, exception) -> {
            failed(form, request.getParameter("username"), request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + loginUrl + "?error");
        };
    }

    AuthenticationSuccessHandler onSuccess(String form, String defaultUrl) {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl(defaultUrl);
        return (request, response, authentication) -> {
            succeeded(form, authentication.getName());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static String loginKey(String form, String login) {
        return form + ":" + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
    }
}
