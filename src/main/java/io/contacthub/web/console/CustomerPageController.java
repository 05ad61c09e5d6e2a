package io.contacthub.web.console;

import io.contacthub.customer.CustomerProfiles;
import io.contacthub.ticket.TicketQueries;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** A customer: how they reach us, every ticket they opened, and the orders/waybills they mentioned. */
@Controller
class CustomerPageController {

    private final CustomerProfiles profiles;
    private final TicketQueries tickets;

    CustomerPageController(CustomerProfiles profiles, TicketQueries tickets) {
        this.profiles = profiles;
        this.tickets = tickets;
    }

    @GetMapping("/console/customers/{id}")
    String customer(@PathVariable long id, Model model) {
        model.addAttribute("customer", profiles.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id)));
        model.addAttribute("tickets", tickets.list(null, null, id, 500, 0));
        model.addAttribute("mentions", profiles.mentions(id));
        return "console/customer";
    }
}
