package io.contacthub.web.portal;

import io.contacthub.channel.web.WebMessageRequest;
import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.MemberAccounts;
import io.contacthub.intake.MessageQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public side of the portal: leave a message (留言) and the customer survey (客户信息调查表), no sign-in. */
@Controller
class PortalController {

    private final PortalIntake intake;
    private final Validator validator;
    private final CustomerSurveys surveys;
    private final MemberAccounts members;
    private final PasswordEncoder encoder;
    private final PortalLimits limits;
    private final ProofController proofs;

    PortalController(PortalIntake intake, Validator validator, CustomerSurveys surveys, MemberAccounts members,
                     PasswordEncoder encoder, PortalLimits limits, ProofController proofs) {
        this.proofs = proofs;
        this.limits = limits;
        this.intake = intake;
        this.validator = validator;
        this.surveys = surveys;
        this.members = members;
        this.encoder = encoder;
    }

    @GetMapping({"/portal", "/portal/"})
    String index() {
        return "portal/index";
    }

    @GetMapping("/portal/login")
    String login() {
        return "portal/login";
    }

    @GetMapping("/portal/message")
    String messageForm(Model model) {
        model.addAttribute("form", new MessageForm());
        model.addAttribute("token", UUID.randomUUID().toString());
        return "portal/message";
    }

    @PostMapping("/portal/message")
    String message(@ModelAttribute("form") MessageForm form, @RequestParam(required = false) String token,
                   @org.springframework.security.core.annotation.AuthenticationPrincipal io.contacthub.web.SignedInMember member,
                   HttpServletRequest http, Model model) {
        if (!limits.allow(http.getRemoteAddr())) {
            model.addAttribute("errors", Map.of("form", "Too many messages from your address; please try again in a minute."));
            model.addAttribute("token", token);
            return "portal/message";
        }
        WebMessageRequest request = form.toRequest();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<WebMessageRequest> v : validator.validate(request)) {
            String field = v.getPropertyPath().toString();
            errors.merge("reachable".equals(field) ? "email" : field, v.getMessage(), (a, b) -> a + "; " + b);
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("token", token == null ? UUID.randomUUID().toString() : token);
            return "portal/message";
        }
        // A signed-in member's message is theirs by the session; anyone else's details are only typed in.
        Optional<MessageQueries.MessageView> stored = member == null ? intake.submit(request, token, http.getRemoteAddr())
                : intake.submitAsMember(request, token, http.getRemoteAddr(), member.customerId());
        if (stored.isEmpty()) {
            model.addAttribute("errors", Map.of("form", "The service is starting or stopping; please try again in a moment."));
            model.addAttribute("token", token);
            return "portal/message";
        }
        model.addAttribute("stored", stored.get());
        return "portal/message-sent";
    }

    @GetMapping("/portal/survey")
    String surveyForm(Model model) {
        model.addAttribute("form", new SurveyForm());
        return "portal/survey";
    }

    @PostMapping("/portal/survey")
    String survey(@ModelAttribute("form") SurveyForm form, HttpServletRequest http, Model model) {
        Map<String, String> errors = form.validate();
        if (!limits.allow(http.getRemoteAddr())) {
            errors.put("form", "Too many forms from your address; please try again in a minute.");
        }
        if (form.isWantsMembership() && !errors.containsKey("login") && members.loginTaken(form.getLogin())) {
            errors.put("login", "is already taken");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            form.setPassword(null);
            return "portal/survey";
        }
        long id = surveys.submit(form.toAnswers(form.isWantsMembership() ? encoder.encode(form.getPassword()) : null));
        if (form.isWantsMembership()) {
            return proofs.startSurveyProof(id, http.getSession(true), model); // a member login needs proof of the address
        }
        model.addAttribute("membership", false);
        return "portal/survey-sent";
    }
}
