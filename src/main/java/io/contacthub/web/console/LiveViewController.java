package io.contacthub.web.console;

import io.contacthub.calls.LiveFigures;
import io.contacthub.presence.AgentPresence;
import io.contacthub.web.ViewerTime;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The supervisor's live view ({@code /console/live}, SUPERVISOR and ADMIN): who takes calls and chats now, callers
 * waiting with their wait time, chats waiting for an answer, and today's queued calls answered and missed per hour.
 * The page asks again every few seconds; every figure is read from the database, so it is the same on every node.
 */
@Controller
class LiveViewController {

    private final AgentPresence presence;
    private final LiveFigures figures;
    private final ViewerTime viewerTime;

    LiveViewController(AgentPresence presence, LiveFigures figures, ViewerTime viewerTime) {
        this.presence = presence;
        this.figures = figures;
        this.viewerTime = viewerTime;
    }

    @GetMapping("/console/live")
    String live(Model model) {
        var present = presence.present();
        model.addAttribute("agents", present);
        model.addAttribute("available", present.stream().filter(a -> a.status() == AgentPresence.Status.AVAILABLE).count());
        model.addAttribute("waitingCalls", figures.waiting());
        var hours = figures.today(viewerTime.zone());
        model.addAttribute("hours", hours);
        model.addAttribute("answeredToday", hours.stream().mapToLong(LiveFigures.Hour::answered).sum());
        model.addAttribute("missedToday", hours.stream().mapToLong(LiveFigures.Hour::missed).sum());
        return "console/live";
    }
}
