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

    static final List<String> INTENTS = List.of("GENERAL", "TRACKING", "ORDER", "COMPLAINT");

    private final ConsoleQueue queue;
    private final TicketDesk desk;
    private final io.contacthub.complaint.ComplaintQueries complaints;
    private final io.contacthub.descriptor.ChannelCatalog channels;

    QueueController(ConsoleQueue queue, TicketDesk desk, io.contacthub.complaint.ComplaintQueries complaints,
                    io.contacthub.descriptor.ChannelCatalog channels) {
        this.channels = channels;
        this.complaints = complaints;
        this.queue = queue;
        this.desk = desk;
    }

    @GetMapping("/console")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                 @RequestParam(required = false) String intent, @RequestParam(required = false) String assignee,
                 @RequestParam(required = false) String review, @RequestParam(required = false) String sla, Model model) {
        ConsoleQueue.Filter filter = new ConsoleQueue.Filter(status, channel, intent, assignee, review, sla);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", queue.list(filter, breachedTickets(), 200));
        model.addAttribute("statuses", io.contacthub.ticket.TicketStatus.STATUSES);
        model.addAttribute("channels", channels.names());
        model.addAttribute("intents", INTENTS);
        model.addAttribute("staff", desk.staff());
        return "console/queue";
    }

    @GetMapping("/console/queue/rows")
    String rows(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String intent, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String review, @RequestParam(required = false) String sla, Model model) {
        ConsoleQueue.Filter filter = new ConsoleQueue.Filter(status, channel, intent, assignee, review, sla);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", queue.list(filter, breachedTickets(), 200));
        return "console/queue :: rows";
    }

    /** Tickets whose complaint case (not yet closed) missed its first-response or resolution clock. */
    private java.util.Set<String> breachedTickets() {
        return complaints.list(null, true, null, null, 500, 0).stream()
                .filter(c -> !"CLOSED".equals(c.status()))
                .map(io.contacthub.complaint.ComplaintQueries.CaseSummary::ticket)
                .collect(java.util.stream.Collectors.toSet());
    }
}
