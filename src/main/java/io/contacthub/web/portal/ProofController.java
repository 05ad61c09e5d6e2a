package io.contacthub.web.portal;

import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.MemberAccounts;
import io.contacthub.customer.VerificationCodes;
import io.contacthub.notify.VerificationMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Proof of an address by a one-time code, in the portal: a membership applicant proves the survey's
 * e-mail (or phone) before staff can approve the login, and a member who forgot their password gets
 * a code at an address the hub has observed or verified for them. What is being proven is kept in
 * the browser's session, never taken from the form, so a code cannot be redirected to another request.
 */
@Controller
class ProofController {

    static final String SURVEY = "portal.proof.survey";
    static final String RESET = "portal.proof.reset";

    private final CustomerSurveys surveys;
    private final MemberAccounts members;
    private final VerificationCodes codes;
    private final VerificationMessages messages;
    private final PasswordEncoder encoder;
    private final PortalLimits limits;

    ProofController(CustomerSurveys surveys, MemberAccounts members, VerificationCodes codes, VerificationMessages messages,
                    PasswordEncoder encoder, PortalLimits limits) {
        this.surveys = surveys;
        this.members = members;
        this.codes = codes;
        this.messages = messages;
        this.encoder = encoder;
        this.limits = limits;
    }

    /** Sends the first code for a new membership survey and shows where it went. */
    String startSurveyProof(long surveyId, HttpSession session, Model model) {
        session.setAttribute(SURVEY, surveyId);
        return sendSurveyCode(surveyId, model);
    }

    @PostMapping("/portal/survey/verify")
    String verifySurvey(@RequestParam(required = false) String code, HttpServletRequest http, Model model) {
        Long surveyId = sessionLong(http, SURVEY);
        if (surveyId == null) {
            return "redirect:/portal/survey";
        }
        Optional<VerificationCodes.Proved> proved = codes.check(CustomerSurveys.purpose(surveyId), code);
        if (proved.isEmpty()) {
            model.addAttribute("error", "proof.wrong");
            model.addAttribute("address", where(surveys.find(surveyId).flatMap(surveys::addressToProve)));
            return "portal/proof";
        }
        surveys.markProven(surveyId, proved.get());
        http.getSession().removeAttribute(SURVEY);
        model.addAttribute("membership", true);
        model.addAttribute("proven", true);
        return "portal/survey-sent";
    }

    @PostMapping("/portal/survey/verify/resend")
    String resendSurvey(HttpServletRequest http, Model model) {
        Long surveyId = sessionLong(http, SURVEY);
        if (surveyId == null) {
            return "redirect:/portal/survey";
        }
        return sendSurveyCode(surveyId, model);
    }

    @GetMapping("/portal/reset")
    String resetForm() {
        return "portal/reset";
    }

    /** The same answer whether or not the login exists, so the form cannot be used to find members. */
    @PostMapping("/portal/reset")
    String requestReset(@RequestParam(required = false) String login, HttpServletRequest http, Model model) {
        if (!limits.allow(http.getRemoteAddr())) {
            model.addAttribute("error", "proof.busy");
            return "portal/reset";
        }
        if (login == null || login.isBlank() || login.length() > 64) {
            model.addAttribute("error", "proof.login");
            return "portal/reset";
        }
        String normalized = MemberAccounts.normalize(login);
        http.getSession(true).setAttribute(RESET, normalized);
        members.find(normalized).flatMap(a -> members.provenAddress(a.customerId())).ifPresent(address -> {
            try {
                VerificationCodes.Issued issued = codes.issue("RESET:" + normalized, address.kind(), address.value());
                messages.sendCode(issued.kind(), issued.value(), issued.code(), issued.validFor().toMinutes(), language());
            } catch (VerificationCodes.TooManyCodes e) {
                // Same page as ever: the member already has codes on the way.
            }
        });
        model.addAttribute("sent", true);
        return "portal/reset";
    }

    @PostMapping("/portal/reset/confirm")
    String confirmReset(@RequestParam(required = false) String code, @RequestParam(required = false) String password,
                        HttpServletRequest http, Model model) {
        String login = sessionString(http, RESET);
        if (login == null) {
            return "redirect:/portal/reset";
        }
        model.addAttribute("sent", true);
        if (password == null || password.length() < 10 || password.length() > 200) {
            model.addAttribute("error", "proof.password");
            return "portal/reset";
        }
        if (codes.check("RESET:" + login, code).isEmpty()) {
            model.addAttribute("error", "proof.wrong");
            return "portal/reset";
        }
        members.changePassword(login, encoder.encode(password));
        http.getSession().removeAttribute(RESET);
        return "redirect:/portal/login?reset";
    }

    private String sendSurveyCode(long surveyId, Model model) {
        Optional<VerificationCodes.Proved> address = surveys.find(surveyId).flatMap(surveys::addressToProve);
        model.addAttribute("address", where(address));
        if (address.isEmpty()) {
            model.addAttribute("error", "proof.noaddress");
            return "portal/proof";
        }
        try {
            VerificationCodes.Issued issued = codes.issue(CustomerSurveys.purpose(surveyId), address.get().kind(), address.get().value());
            String refused = messages.sendCode(issued.kind(), issued.value(), issued.code(), issued.validFor().toMinutes(), language());
            if (refused != null) {
                model.addAttribute("error", "proof.refused");
            }
        } catch (VerificationCodes.TooManyCodes e) {
            model.addAttribute("error", "proof.toomany");
        }
        return "portal/proof";
    }

    /** Shown masked: the page must not confirm a full address to whoever has the browser. */
    static String where(Optional<VerificationCodes.Proved> address) {
        return address.map(a -> {
            String v = a.value();
            if ("EMAIL".equals(a.kind())) {
                int at = v.indexOf('@');
                return v.charAt(0) + "***" + v.substring(at);
            }
            return v.substring(0, Math.min(4, v.length())) + "****" + v.substring(Math.max(0, v.length() - 2));
        }).orElse("");
    }

    private static String language() {
        return LocaleContextHolder.getLocale().getLanguage();
    }

    private static Long sessionLong(HttpServletRequest http, String key) {
        HttpSession session = http.getSession(false);
        return session == null || !(session.getAttribute(key) instanceof Long l) ? null : l;
    }

    private static String sessionString(HttpServletRequest http, String key) {
        HttpSession session = http.getSession(false);
        return session == null || !(session.getAttribute(key) instanceof String s) ? null : s;
    }
}
