package io.contacthub.web.console;

import io.contacthub.customer.ChineseRegions;
import io.contacthub.customer.CustomerMasterData;
import io.contacthub.customer.CustomerProfiles;
import io.contacthub.customer.PreferredChannels;
import io.contacthub.standing.CustomerDealings;
import io.contacthub.standing.CustomerStandings;
import io.contacthub.ticket.TicketQueries;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A customer: how they reach us, every ticket they opened, and the orders/waybills they mentioned. */
@Controller
class CustomerPageController {

    private final CustomerProfiles profiles;
    private final TicketQueries tickets;
    private final PreferredChannels preferred;
    private final CustomerMasterData masterData;
    private final CustomerDealings dealings;
    private final CustomerStandings standings;

    CustomerPageController(CustomerProfiles profiles, TicketQueries tickets, PreferredChannels preferred,
                           CustomerMasterData masterData, CustomerDealings dealings, CustomerStandings standings) {
        this.masterData = masterData;
        this.dealings = dealings;
        this.standings = standings;
        this.profiles = profiles;
        this.tickets = tickets;
        this.preferred = preferred;
    }

    @GetMapping("/console/customers/{id}")
    String customer(@PathVariable long id, @RequestParam(defaultValue = "90") int days, Model model) {
        model.addAttribute("customer", profiles.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id)));
        model.addAttribute("tickets", tickets.list(null, null, id, 500, 0));
        model.addAttribute("mentions", profiles.mentions(id));
        model.addAttribute("preferredChannel", preferred.of(id).orElse(null));
        model.addAttribute("possibleChannels", preferred.possible(id));
        model.addAttribute("details", masterData.profile(id).orElseThrow());
        model.addAttribute("changes", masterData.history(id, 50));
        model.addAttribute("provinces", ChineseRegions.provinces());
        int period = Math.max(1, Math.min(days, 3660));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        model.addAttribute("days", period);
        model.addAttribute("dealings", dealings.of(id, now.minusDays(period), now.plusSeconds(1)));
        model.addAttribute("standing", standings.of(id).orElse(null));
        return "console/customer";
    }

    /** Where the hub writes to this customer (replies, notices); blank is automatic. */
    @PostMapping("/console/customers/{id}/preferred-channel")
    String preferredChannel(@PathVariable long id, @RequestParam(required = false) String channel, RedirectAttributes flash) {
        if (profiles.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id);
        }
        try {
            preferred.set(id, channel);
            flash.addFlashAttribute("notice", "saved");
        } catch (PreferredChannels.Refused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/customers/" + id;
    }
}
