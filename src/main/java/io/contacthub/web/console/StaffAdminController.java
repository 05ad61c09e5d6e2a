package io.contacthub.web.console;

import io.contacthub.web.StaffDirectory;
import io.contacthub.web.StaffDirectory.Details;
import io.contacthub.web.StaffDirectory.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins manage staff accounts ({@code /console/staff}, ADMIN only): create agents, supervisors and admins, change
 * their name, role, team, language, time zone and phone, deactivate someone who left (or bring them back) and reset
 * a forgotten password. A one-time password is shown once, on the page the admin's action answers with, and kept
 * nowhere; the person chooses their own at their first sign-in.
 */
@Controller
class StaffAdminController {

    private final StaffDirectory staff;
    private final MessageSource messages;

    StaffAdminController(StaffDirectory staff, MessageSource messages) {
        this.staff = staff;
        this.messages = messages;
    }

    @GetMapping("/console/staff")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewAccountForm("", "", "AGENT", "", "", "", ""));
        }
        model.addAttribute("accounts", staff.list());
        model.addAttribute("openTickets", staff.openTickets());
        common(model);
        return "console/staff";
    }

    /** The create form, kept as typed when it is refused. */
    record NewAccountForm(String username, String displayName, String role, String team, String language, String timeZone,
                          String phone) {
    }

    @PostMapping("/console/staff")
    String create(NewAccountForm form, Principal admin, Model model, Locale locale, HttpServletResponse response) {
        try {
            StaffDirectory.Created created = staff.create(form.username(), new Details(form.displayName(), form.role(), form.team(),
                    form.language(), form.timeZone(), form.phone()), admin.getName());
            return oneTimePassword(model, response, created.account(), created.oneTimePassword(), "staff.created");
        } catch (Refused e) {
            model.addAttribute("error", text(e, locale));
            model.addAttribute("form", form);
            return list(model);
        }
    }

    @GetMapping("/console/staff/{username}")
    String account(@PathVariable String username, Model model) {
        StaffDirectory.Account account = staff.get(username);
        model.addAttribute("account", account);
        model.addAttribute("events", staff.events(account.username(), 50));
        model.addAttribute("openTickets", staff.openTickets().getOrDefault(account.username(), 0L));
        common(model);
        return "console/staff-account";
    }

    @PostMapping("/console/staff/{username}")
    String update(@PathVariable String username, Details form, Principal admin, RedirectAttributes flash, Locale locale) {
        return act(username, flash, locale, "saved", () -> staff.update(username, form, admin.getName()));
    }

    @PostMapping("/console/staff/{username}/deactivate")
    String deactivate(@PathVariable String username, Principal admin, RedirectAttributes flash, Locale locale) {
        return act(username, flash, locale, "staff.deactivated", () -> staff.deactivate(username, admin.getName()));
    }

    @PostMapping("/console/staff/{username}/reactivate")
    String reactivate(@PathVariable String username, Principal admin, RedirectAttributes flash, Locale locale) {
        return act(username, flash, locale, "staff.reactivated", () -> staff.reactivate(username, admin.getName()));
    }

    @PostMapping("/console/staff/{username}/reset-password")
    String reset(@PathVariable String username, Principal admin, Model model, RedirectAttributes flash, Locale locale,
                 HttpServletResponse response) {
        try {
            String password = staff.resetPassword(username, admin.getName());
            return oneTimePassword(model, response, staff.get(username), password, "staff.reset.done");
        } catch (Refused e) {
            flash.addFlashAttribute("error", text(e, locale));
            return "redirect:/console/staff";
        }
    }

    private String oneTimePassword(Model model, HttpServletResponse response, StaffDirectory.Account account, String password,
                                   String what) {
        // Shown in this answer only: not cached, not kept in the session or a flash attribute.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("account", account);
        model.addAttribute("oneTimePassword", password);
        model.addAttribute("what", what);
        return "console/staff-password";
    }

    private String act(String username, RedirectAttributes flash, Locale locale, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (Refused e) {
            if (e.reason() == Refused.Reason.NOT_FOUND) {
                throw e;
            }
            flash.addFlashAttribute("error", text(e, locale));
        }
        return "redirect:/console/staff/" + username;
    }

    private void common(Model model) {
        model.addAttribute("roles", StaffDirectory.ROLES);
        model.addAttribute("teams", staff.teams());
        model.addAttribute("zones", TimeZones.choices());
    }

    private String text(Refused e, Locale locale) {
        return messages.getMessage(e.key(), e.args(), e.getReason(), locale);
    }
}
