package io.contacthub.web.console;

import io.contacthub.web.StaffRoles;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its top bar: who is signed in, and whether they see the staff admin pages and supervisors' actions. */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    @ModelAttribute("me")
    String me(Principal staff) {
        return staff == null ? "" : staff.getName();
    }

    @ModelAttribute("supervisor")
    boolean supervisor(Authentication staff) {
        return StaffRoles.isSupervisor(staff);
    }

    @ModelAttribute("staffAdmin")
    boolean staffAdmin(Authentication staff) {
        return StaffRoles.isAdmin(staff);
    }
}
