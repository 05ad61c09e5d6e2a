package io.contacthub.web;

import io.contacthub.customer.MemberAccounts;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A member signed in to the portal: the one customer whose tickets, replies and waybills they may see. */
public final class SignedInMember extends User {

    private final long customerId;

    SignedInMember(MemberAccounts.Account account) {
        super(account.login(), account.passwordHash(), List.of(new SimpleGrantedAuthority("ROLE_MEMBER")));
        this.customerId = account.customerId();
    }

    public long customerId() {
        return customerId;
    }

}
