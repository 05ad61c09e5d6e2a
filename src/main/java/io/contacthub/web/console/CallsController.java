package io.contacthub.web.console;

import io.contacthub.calls.CallBacks;
import io.contacthub.calls.ClickToCall;
import io.contacthub.calls.CallbackBase;
import io.contacthub.ticket.TicketQueries;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Calls from the console: click to call from a ticket ({@code POST /console/tickets/{ref}/calls}) or a customer's page
 * ({@code POST /console/customers/{id}/calls}, logged on their open ticket last written to), and marking a missed
 * call's call-back task done.
 */
@Controller
class CallsController {

    private final ClickToCall clickToCall;
    private final CallBacks callBacks;
    private final CallbackBase base;
    private final TicketQueries tickets;
    private final MessageSource messages;

    CallsController(ClickToCall clickToCall, CallBacks callBacks, CallbackBase base, TicketQueries tickets, MessageSource messages) {
        this.clickToCall = clickToCall;
        this.callBacks = callBacks;
        this.base = base;
        this.tickets = tickets;
        this.messages = messages;
    }

    @PostMapping("/console/tickets/{ref}/calls")
    String callFromTicket(@PathVariable String ref, @RequestParam(defaultValue = "") String number, Principal me,
                          HttpServletRequest request, RedirectAttributes flash, Locale locale) {
        long ticketId = tickets.find(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + ref))
                .ticket().id();
        place(me, ticketId, number, request, flash, locale);
        return "redirect:/console/tickets/" + ref;
    }

    @PostMapping("/console/customers/{id}/calls")
    String callFromCustomer(@PathVariable long id, @RequestParam(defaultValue = "") String number, Principal me,
                            HttpServletRequest request, RedirectAttributes flash, Locale locale) {
        java.util.Optional<Long> ticket = clickToCall.ticketForCustomer(id);
        if (ticket.isEmpty()) {
            flash.addFlashAttribute("error", messages.getMessage("calls.refused.noTicket", null, locale));
        } else {
            place(me, ticket.get(), number, request, flash, locale);
        }
        return "redirect:/console/customers/" + id;
    }

    @PostMapping("/console/calls/callbacks/{id}/done")
    String callBackDone(@PathVariable long id, Principal me, RedirectAttributes flash) {
        if (callBacks.markDone(id, me.getName())) {
            flash.addFlashAttribute("notice", "calls.callbacks.marked");
        }
        return "redirect:/console";
    }

    private void place(Principal me, long ticketId, String number, HttpServletRequest request, RedirectAttributes flash,
                       Locale locale) {
        try {
            clickToCall.place(me.getName(), ticketId, number, base.of(request), "zh".equals(locale.getLanguage()) ? "zh" : "en");
            flash.addFlashAttribute("notice", "calls.placed");
        } catch (ClickToCall.Refused e) {
            flash.addFlashAttribute("error", messages.getMessage(e.key(), e.args(), e.getMessage(), locale));
        }
    }
}
