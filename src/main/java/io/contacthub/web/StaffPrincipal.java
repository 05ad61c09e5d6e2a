package io.contacthub.web;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in staff member as Spring Security keeps them: the account's name, role and whether it is active (a
 * deactivated account is not {@code enabled}, so its password is refused), plus what {@link StaffAccountCheck}
 * compares on every console request: the session epoch the account had at sign-in, and whether the person must
 * choose a password before anything else.
 */
final class StaffPrincipal extends User {

    private static final long serialVersionUID = 1L;

    private final int sessionEpoch;
    private final boolean mustChangePassword;

    StaffPrincipal(String username, String passwordHash, boolean active, Collection<? extends GrantedAuthority> authorities,
                   int sessionEpoch, boolean mustChangePassword) {
        super(username, passwordHash, active, true, true, true, authorities);
        this.sessionEpoch = sessionEpoch;
        this.mustChangePassword = mustChangePassword;
    }

    int sessionEpoch() {
        return sessionEpoch;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }
}
