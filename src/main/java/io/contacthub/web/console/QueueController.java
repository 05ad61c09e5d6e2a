package io.contacthub.web.console;

import io.contacthub.ticket.TicketSearch;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket queue: built-in views as tabs, filters, search, priority/SLA order, pages, and bulk changes of
 * the selected rows. The table refreshes itself every few seconds (htmx polling the rows fragment with the
 * same view, search, filters, order and page), so a new contact shows up without reloading the page.
 */
@Controller
class QueueController {

    static final List<String> INTENTS = List.of("GENERAL", "TRACKING", "ORDER", "COMPLAINT");
    static final List<String> SORTS = java.util.Arrays.stream(TicketSearch.Sort.values()).map(TicketSearch.Sort::id).toList();
    /** The most tickets one bulk change takes: the largest page. */
    static final int MAX_BULK = 100;

    private final ConsoleQueue queue;
    private final TicketDesk desk;
    private final io.contacthub.descriptor.ChannelCatalog channels;

    QueueController(ConsoleQueue queue, TicketDesk desk, io.contacthub.descriptor.ChannelCatalog channels) {
        this.channels = channels;
        this.queue = queue;
        this.desk = desk;
    }

    /** The query parameters every queue address carries (see {@link ConsoleQueue.Filter}). */
    @ModelAttribute("filter")
    ConsoleQueue.Filter filter(@RequestParam(required = false) String view, @RequestParam(required = false) String q,
                               @RequestParam(required = false) String sort,
                               @RequestParam(required = false, defaultValue = "1") String page,
                               @RequestParam(required = false) String size,
                               @RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                               @RequestParam(required = false) String intent, @RequestParam(required = false) String assignee,
                               @RequestParam(required = false) String review, @RequestParam(required = false) String sla,
                               @RequestParam(required = false) String customerClass) {
        return new ConsoleQueue.Filter(view, q, sort, number(page, 1), number(size, ConsoleQueue.DEFAULT_PAGE_SIZE), status,
                channel, intent, assignee, review, sla, customerClass);
    }

    @GetMapping("/console")
    String queue(Principal staff, Model model) {
        rows(staff, model);
        model.addAttribute("views", ConsoleQueue.VIEWS.stream().map(TicketSearch.View::id).toList());
        model.addAttribute("counts", countsById(staff));
        model.addAttribute("sorts", SORTS);
        model.addAttribute("pageSizes", ConsoleQueue.PAGE_SIZES);
        model.addAttribute("statuses", io.contacthub.ticket.TicketStatus.STATUSES);
        model.addAttribute("channels", channels.names());
        model.addAttribute("intents", INTENTS);
        model.addAttribute("staff", desk.staff());
        return "console/queue";
    }

    @GetMapping("/console/queue/rows")
    String rows(Principal staff, Model model) {
        ConsoleQueue.Filter filter = (ConsoleQueue.Filter) model.getAttribute("filter");
        TicketSearch.Result result;
        try {
            result = queue.list(filter, staff == null ? null : staff.getName());
        } catch (TicketSearch.InvalidSearch e) {
            model.addAttribute("searchError", "search.error." + e.key());
            model.addAttribute("searchErrorArgs", e.args());
            result = new TicketSearch.Result(List.of(), 0, filter.size(), 0, List.of());
        }
        model.addAttribute("result", result);
        model.addAttribute("rows", result.hits());
        return "console/queue :: rows";
    }

    /**
     * One change to every selected ticket, each through the path a change on the ticket's page takes
     * ({@link TicketDesk#assign}, {@link TicketDesk#changeStatus}: the customer is told of a notified status
     * as for one ticket), each on its own, so one refusal leaves the others done. The form carries the
     * queue's address back.
     *
     * @param action {@code assign} (to {@code assignee}, blank: nobody) or {@code status} (to {@code status},
     *               with the optional {@code note} for the customer's notice)
     */
    @PostMapping("/console/queue/bulk")
    String bulk(Model model, @RequestParam(name = "refs", required = false) List<String> refs,
                @RequestParam(required = false) String action,
                @RequestParam(name = "bulkAssignee", required = false) String assignee,
                @RequestParam(name = "bulkStatus", required = false) String status,
                @RequestParam(name = "bulkNote", required = false) String note,
                Principal staff, RedirectAttributes flash) {
        String actor = staff == null ? null : staff.getName(); // each change is on its ticket's history as theirs
        ConsoleQueue.Filter filter = (ConsoleQueue.Filter) model.getAttribute("filter");
        Set<String> selected = new LinkedHashSet<>();
        for (String ref : refs == null ? List.<String>of() : refs) {
            if (ref != null && !ref.isBlank()) {
                selected.add(ref.trim().toUpperCase(Locale.ROOT));
            }
        }
        String what = action == null ? "" : action.trim().toLowerCase(Locale.ROOT);
        if (selected.isEmpty()) {
            flash.addFlashAttribute("bulkError", "bulk.none");
        } else if (selected.size() > MAX_BULK) {
            flash.addFlashAttribute("bulkError", "bulk.tooMany");
        } else if (!what.equals("assign") && !what.equals("status")) {
            flash.addFlashAttribute("bulkError", "bulk.noAction");
        } else if (what.equals("status") && (status == null || status.isBlank())) {
            flash.addFlashAttribute("bulkError", "bulk.noStatus");
        } else {
            int done = 0;
            List<String> refused = new ArrayList<>();
            for (String ref : selected) {
                try {
                    if (what.equals("assign")) {
                        long id = desk.ticketId(ref).orElseThrow(() -> new TicketDesk.ChangeRefused("no ticket " + ref));
                        desk.assign(id, assignee, actor);
                    } else if (!desk.changeStatus(ref, status.trim().toUpperCase(Locale.ROOT),
                            note == null || note.isBlank() ? null : note.strip(), actor)) {
                        throw new TicketDesk.ChangeRefused("no ticket " + ref);
                    }
                    done++;
                } catch (TicketDesk.ChangeRefused e) {
                    refused.add(ref + ": " + e.getMessage());
                }
            }
            flash.addFlashAttribute("bulkDone", done);
            flash.addFlashAttribute("bulkAction", what);
            flash.addFlashAttribute("bulkRefused", refused);
        }
        return "redirect:" + filter.self();
    }

    private java.util.Map<String, Long> countsById(Principal staff) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        queue.counts(staff == null ? null : staff.getName()).forEach((view, n) -> counts.put(view.id(), n));
        return counts;
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
