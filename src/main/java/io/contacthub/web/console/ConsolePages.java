package io.contacthub.web.console;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its top bar: who is signed in. */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    @ModelAttribute("me")
    String me(Principal staff) {
        return staff == null ? "" : staff.getName();
    }
}
