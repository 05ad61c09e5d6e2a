package io.contacthub.web.console;

import io.contacthub.customer.CustomerSurveys;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Supervisors read the customer surveys and approve membership requests (or turn them down). */
@Controller
class SurveyReviewController {

    private final CustomerSurveys surveys;

    SurveyReviewController(CustomerSurveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/console/surveys")
    String list(@RequestParam(required = false, defaultValue = "NEW") String status, Model model) {
        var list = surveys.list("ALL".equalsIgnoreCase(status) ? null : status, 200);
        model.addAttribute("surveys", list);
        // Who the applicant's e-mail and phone already belong to: approving a login for a record is a claim on it.
        model.addAttribute("matches", list.stream().filter(s -> "NEW".equals(s.status()))
                .collect(java.util.stream.Collectors.toMap(CustomerSurveys.Survey::id, surveys::matches)));
        model.addAttribute("status", status.toUpperCase());
        return "console/surveys";
    }

    @PostMapping("/console/surveys/{id}/approve")
    String approve(@PathVariable long id, Principal staff, RedirectAttributes flash) {
        return decide(flash, () -> surveys.approve(id, staff.getName()));
    }

    @PostMapping("/console/surveys/{id}/reject")
    String reject(@PathVariable long id, Principal staff, RedirectAttributes flash) {
        return decide(flash, () -> surveys.reject(id, staff.getName()));
    }

    private String decide(RedirectAttributes flash, Runnable decision) {
        try {
            decision.run();
            flash.addFlashAttribute("notice", "saved");
        } catch (CustomerSurveys.SurveyRejected e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/surveys";
    }
}
