package io.contacthub.web;

import org.springframework.security.core.Authentication;

/** Staff decisions some roles may take and others not, asked the same way by the API and the console. */
public final class StaffRoles {

    private StaffRoles() {
    }

    /** Supervisors and admins: who may merge customers (a wrong merge shows one customer's data to another). */
    public static boolean isSupervisor(Authentication staff) {
        return staff != null && staff.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR") || a.getAuthority().equals("ROLE_ADMIN"));
    }

    /** Admins: who manage staff accounts (create, deactivate, reset passwords, roles). */
    public static boolean isAdmin(Authentication staff) {
        return staff != null && staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
