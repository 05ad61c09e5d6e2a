package io.contacthub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a staff sign-in may still do, checked on every request after Spring Security has found who it is.
 * <ul>
 *   <li><b>Console</b> ({@code /console/**}, session): the account is read from the database (one primary-key lookup).
 *       Deactivated, gone, or its session epoch moved on since this session signed in (an admin deactivated it,
 *       reset its password or changed its role; the person changed their password elsewhere): the session is ended
 *       and the browser sent to {@code /login?ended}. An account that must choose a password is sent to
 *       {@code /console/password} and reaches nothing else. So a change takes effect on the next request, on
 *       every node, without a session registry.</li>
 *   <li><b>API</b> (HTTP Basic, stateless): the account was loaded for this very request, so a deactivated one was
 *       already refused (401). One that must choose a password is answered 403 saying so: a one-time password
 *       only opens the console's password page.</li>
 * </ul>
 * htmx requests (the queue's live refresh) are answered with {@code HX-Redirect}, so the whole page moves.
 */
final class StaffAccountCheck extends OncePerRequestFilter {

    static final String MUST_CHANGE = "this account must choose a new password before it can be used: sign in to the "
            + "console and set one at /console/password";

    enum Door { CONSOLE, API }

    private final StaffAccounts accounts;
    private final Door door;

    StaffAccountCheck(StaffAccounts accounts, Door door) {
        this.accounts = accounts;
        this.door = door;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof StaffPrincipal staff)) {
            chain.doFilter(request, response);
            return;
        }
        if (door == Door.API) {
            if (staff.mustChangePassword()) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, MUST_CHANGE);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<StaffAccounts.State> state = accounts.state(staff.getUsername());
        if (state.isEmpty() || !state.get().active() || state.get().sessionEpoch() != staff.sessionEpoch()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            redirect(request, response, "/login?ended");
            return;
        }
        if (state.get().mustChangePassword() && !path.equals(StaffSessions.PASSWORD_PAGE)) {
            redirect(request, response, StaffSessions.PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String target = request.getContextPath() + path;
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        response.sendRedirect(target);
    }
}
