package io.contacthub.web.console;

import io.contacthub.followup.FollowUps;
import io.contacthub.ticket.TicketQueries;
import io.contacthub.web.ViewerTime;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The follow-up list (回访): mine, everyone's, or finished; an attempt's outcome; marking a ticket for one. */
@Controller
class FollowUpsController {

    private final FollowUps followUps;
    private final TicketQueries tickets;
    private final ViewerTime time;

    FollowUpsController(FollowUps followUps, TicketQueries tickets, ViewerTime time) {
        this.followUps = followUps;
        this.tickets = tickets;
        this.time = time;
    }

    @GetMapping("/console/follow-ups")
    String list(@RequestParam(defaultValue = "mine") String view, Principal staff, Model model) {
        followUps.fromResolvedComplaints();
        String shown = switch (view) {
            case "all", "done" -> view;
            default -> "mine";
        };
        model.addAttribute("view", shown);
        model.addAttribute("followUps", followUps.list("mine".equals(shown) ? staff.getName() : null, !"done".equals(shown)));
        model.addAttribute("now", Instant.now(Clock.systemUTC()));
        return "console/follow-ups";
    }

    @PostMapping("/console/follow-ups/{id}/attempts")
    String attempt(@PathVariable long id, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) Integer satisfaction, @RequestParam(required = false) String note,
                   @RequestParam(defaultValue = "mine") String view, Principal staff, RedirectAttributes flash) {
        try {
            followUps.record(id, outcome, satisfaction, note, staff.getName());
            flash.addFlashAttribute("notice", "followups.recorded");
        } catch (FollowUps.Refused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "all".equals(view) ? "redirect:/console/follow-ups?view=all" : "redirect:/console/follow-ups";
    }

    @PostMapping("/console/tickets/{ref}/follow-ups")
    String mark(@PathVariable String ref, @RequestParam(required = false) String dueAt, @RequestParam(required = false) String reason,
                Principal staff, RedirectAttributes flash) {
        long ticket = tickets.find(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref))
                .ticket().id();
        try {
            followUps.mark(ticket, time.parseLocal(dueAt), reason, staff.getName());
            flash.addFlashAttribute("notice", "followups.marked");
        } catch (FollowUps.Refused | IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/tickets/" + ref;
    }
}
