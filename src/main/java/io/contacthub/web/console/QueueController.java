package io.contacthub.web.console;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket queue. The table refreshes itself every few seconds (htmx polling the rows fragment
 * with the same filters), so a new contact shows up without reloading the page.
 */
@Controller
class QueueController {

    static final List<String> CHANNELS = List.of("EMAIL", "VOICE", "SMS", "WEB", "FAX");
    static final List<String> INTENTS = List.of("GENERAL", "TRACKING", "ORDER", "COMPLAINT");

    private final ConsoleQueue queue;
    private final TicketDesk desk;

    QueueController(ConsoleQueue queue, TicketDesk desk) {
        this.queue = queue;
        this.desk = desk;
    }

    @GetMapping("/console")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                 @RequestParam(required = false) String intent, @RequestParam(required = false) String assignee,
                 @RequestParam(required = false) String review, Model model) {
        ConsoleQueue.Filter filter = new ConsoleQueue.Filter(status, channel, intent, assignee, review);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", queue.list(filter, 200));
        model.addAttribute("statuses", io.contacthub.ticket.TicketStatus.STATUSES);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("intents", INTENTS);
        model.addAttribute("staff", desk.staff());
        return "console/queue";
    }

    @GetMapping("/console/queue/rows")
    String rows(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String intent, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String review, Model model) {
        ConsoleQueue.Filter filter = new ConsoleQueue.Filter(status, channel, intent, assignee, review);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", queue.list(filter, 200));
        return "console/queue :: rows";
    }
}
