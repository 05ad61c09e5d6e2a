package io.contacthub.web.console;

import io.contacthub.standing.CustomerStandings;
import io.contacthub.web.StaffRoles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A supervisor has the A/B/C classes recomputed now rather than at night (after a data correction, say). */
@Controller
class StandingController {

    private final CustomerStandings standings;

    StandingController(CustomerStandings standings) {
        this.standings = standings;
    }

    @PostMapping("/console/standing/recompute")
    String recompute(@RequestParam(required = false) Long customer, Authentication staff, RedirectAttributes flash) {
        if (!StaffRoles.isSupervisor(staff)) {
            flash.addFlashAttribute("error", "recomputing customer classes needs a supervisor");
        } else if (standings.recompute(staff.getName()).isPresent()) {
            flash.addFlashAttribute("notice", "standing.recomputed");
        } else {
            flash.addFlashAttribute("notice", "standing.busy");
        }
        return customer == null ? "redirect:/console" : "redirect:/console/customers/" + customer;
    }
}
