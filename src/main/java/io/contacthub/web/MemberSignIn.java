package io.contacthub.web;

import io.contacthub.customer.MemberAccounts;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The portal's sign-in: member accounts only, with the single role MEMBER. Deliberately not a bean
 * (a second UserDetailsService bean would stop Spring Boot wiring the staff accounts into the API's
 * Basic sign-in); the portal's filter chain builds its own authentication manager from it.
 */
final class MemberSignIn implements UserDetailsService {

    private final MemberAccounts accounts;

    MemberSignIn(MemberAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username).map(SignedInMember::new).orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
