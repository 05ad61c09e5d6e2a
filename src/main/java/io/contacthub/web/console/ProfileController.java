package io.contacthub.web.console;

import io.contacthub.web.PasswordRules;
import io.contacthub.web.StaffDirectory;
import io.contacthub.web.StaffDirectory.ProfileChanges;
import io.contacthub.web.StaffDirectory.Refused;
import io.contacthub.web.StaffProfiles;
import io.contacthub.web.StaffSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each staff member's own account: their profile ({@code /console/profile}: display name, console language, time
 * zone, phone) and their password ({@code /console/password}). After an admin made the account or reset its
 * password, the password page is the only one the person reaches until they have chosen their own.
 */
@Controller
class ProfileController {

    private final StaffDirectory staff;
    private final StaffProfiles profiles;
    private final StaffSessions sessions;
    private final MessageSource messages;

    ProfileController(StaffDirectory staff, StaffProfiles profiles, StaffSessions sessions, MessageSource messages) {
        this.staff = staff;
        this.profiles = profiles;
        this.sessions = sessions;
        this.messages = messages;
    }

    @GetMapping("/console/profile")
    String profile(Principal me, Model model) {
        model.addAttribute("account", staff.get(me.getName()));
        model.addAttribute("zones", TimeZones.choices());
        return "console/profile";
    }

    @PostMapping("/console/profile")
    String saveProfile(ProfileChanges form, Principal me, Model model, RedirectAttributes flash, Locale locale,
                       HttpServletRequest request, HttpServletResponse response) {
        try {
            staff.updateOwnProfile(me.getName(), form);
        } catch (Refused e) {
            model.addAttribute("error", messages.getMessage(e.key(), e.args(), e.getReason(), locale));
            return profile(me, model);
        }
        sessions.useLanguage(request, response, profiles.of(me.getName()).locale());
        flash.addFlashAttribute("notice", "saved");
        return "redirect:/console/profile";
    }

    @GetMapping(StaffSessions.PASSWORD_PAGE)
    String passwordPage(Principal me, Model model) {
        model.addAttribute("account", staff.get(me.getName()));
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        return "console/password";
    }

    @PostMapping(StaffSessions.PASSWORD_PAGE)
    String changePassword(@RequestParam(defaultValue = "") String current, @RequestParam(name = "password", defaultValue = "") String next,
                          @RequestParam(defaultValue = "") String repeat, Principal me, Model model, RedirectAttributes flash,
                          Locale locale, HttpServletRequest request, HttpServletResponse response) {
        try {
            staff.changeOwnPassword(me.getName(), current, next, repeat);
        } catch (Refused e) {
            model.addAttribute("error", messages.getMessage(e.key(), e.args(), e.getReason(), locale));
            return passwordPage(me, model);
        }
        sessions.renew(request, response);
        flash.addFlashAttribute("notice", "password.changed");
        return "redirect:/console/profile";
    }
}
