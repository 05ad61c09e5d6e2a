package io.contacthub.web.portal;

import io.contacthub.satisfaction.SatisfactionSurveys;
import io.contacthub.satisfaction.SurveyLinks;
import io.contacthub.satisfaction.SurveySettings;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rating page a survey mail links to ({@code /portal/rate/<signed token>?score=N}): no sign-in, the token is the
 * proof. Opening a score's link shows that score chosen and, in a browser that runs scripts, sends it at once, so a
 * customer rates with one click; a mail scanner that fetches every link of a mail runs no script and rates nothing.
 * The customer may change the score or add a comment while the survey is open. An unsigned, altered or unknown
 * token is one answer: 404, "this link is not valid".
 */
@Controller
class RatingController {

    private final SurveyLinks links;
    private final SatisfactionSurveys surveys;
    private final SurveySettings settings;

    RatingController(SurveyLinks links, SatisfactionSurveys surveys, SurveySettings settings) {
        this.links = links;
        this.surveys = surveys;
        this.settings = settings;
    }

    @org.springframework.web.bind.annotation.ModelAttribute("maxComment")
    int maxComment() {
        return settings.commentMaxChars();
    }

    @GetMapping("/portal/rate/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String score, Model model,
                HttpServletResponse response) {
        Optional<SatisfactionSurveys.Survey> survey = survey(token);
        if (survey.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "portal/rate-invalid";
        }
        SatisfactionSurveys.Survey s = survey.get();
        Integer chosen = parse(score);
        model.addAttribute("survey", s);
        model.addAttribute("token", token);
        model.addAttribute("chosen", chosen != null ? chosen : s.score());
        // Send at once only what the customer has not sent yet: reloading the page after rating changes nothing.
        model.addAttribute("autosubmit", s.open() && chosen != null && !chosen.equals(s.score()));
        return "portal/rate";
    }

    @PostMapping("/portal/rate/{token}")
    String rate(@PathVariable String token, @RequestParam(required = false) String score,
                @RequestParam(required = false) String comment, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        Optional<SatisfactionSurveys.Survey> survey = survey(token);
        if (survey.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "portal/rate-invalid";
        }
        Integer chosen = parse(score);
        try {
            surveys.answerOnPage(survey.get().id(), chosen == null ? 0 : chosen, comment);
        } catch (SatisfactionSurveys.Refused e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("survey", survey.get());
            model.addAttribute("token", token);
            model.addAttribute("chosen", chosen);
            model.addAttribute("autosubmit", false);
            model.addAttribute("error", e.messageKey());
            model.addAttribute("comment", comment);
            return "portal/rate";
        }
        redirect.addFlashAttribute("thanks", true);
        return "redirect:/portal/rate/" + token;
    }

    private Optional<SatisfactionSurveys.Survey> survey(String token) {
        var id = links.surveyOf(token);
        return id.isPresent() ? surveys.find(id.getAsLong()).filter(s -> !"NOT_ASKED".equals(s.status())) : Optional.empty();
    }

    private static Integer parse(String score) {
        return score != null && score.strip().matches("[1-5]") ? Integer.valueOf(score.strip()) : null;
    }
}
