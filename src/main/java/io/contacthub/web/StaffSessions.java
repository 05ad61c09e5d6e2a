package io.contacthub.web;

import io.contacthub.web.StaffAccountCheck.Door;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A staff member's console session: what happens at sign-in (the console switches to their language, the sign-in
 * is noted), the checks every request passes ({@link StaffAccountCheck}), and renewing the session after they
 * changed their own password (which ends their other sessions, not this one).
 */
@Component
public class StaffSessions {

    public static final String PASSWORD_PAGE = "/console/password";

    private final StaffAccounts accounts;
    private final StaffProfiles profiles;
    private final LocaleResolver locales;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    StaffSessions(StaffAccounts accounts, StaffProfiles profiles, LocaleResolver locales) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.locales = locales;
    }

    /** Around the console form's success handler: the person's language for the console, and their last sign-in. */
    AuthenticationSuccessHandler onSignIn(AuthenticationSuccessHandler next) {
        return (request, response, authentication) -> {
            accounts.signedIn(authentication.getName());
            useLanguage(request, response, profiles.of(authentication.getName()).locale());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    StaffAccountCheck consoleCheck() {
        return new StaffAccountCheck(accounts, Door.CONSOLE);
    }

    StaffAccountCheck apiCheck() {
        return new StaffAccountCheck(accounts, Door.API);
    }

    /** The console in this language from now on (the same cookie as {@code ?lang=}); null changes nothing. */
    public void useLanguage(HttpServletRequest request, HttpServletResponse response, Locale language) {
        if (language != null) {
            locales.setLocale(request, response, language);
        }
    }

    /**
     * After the signed-in person changed their own password: this session carries the account as it is now (its new
     * session epoch, no longer bound to change the password) under a new session id.
     */
    public void renew(HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        UserDetails fresh = accounts.loadUserByUsername(current.getName());
        ((StaffPrincipal) fresh).eraseCredentials();
        UsernamePasswordAuthenticationToken renewed = UsernamePasswordAuthenticationToken.authenticated(fresh, null,
                fresh.getAuthorities());
        renewed.setDetails(current.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(renewed);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }
}
