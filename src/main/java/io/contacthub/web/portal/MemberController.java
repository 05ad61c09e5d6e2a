package io.contacthub.web.portal;

import io.contacthub.backoffice.OrdersPlaced;
import io.contacthub.channel.web.WebMessageRequest;
import io.contacthub.complaint.CustomerCases;
import io.contacthub.customer.CustomerProfiles;
import io.contacthub.customer.MemberAccounts;
import io.contacthub.notify.StaffReplies;
import io.contacthub.ticket.TicketQueries;
import io.contacthub.ticket.TicketReference;
import io.contacthub.web.SignedInMember;
import io.contacthub.web.console.Timeline;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A signed-in member's own tickets, the replies they got, answering in the thread, the waybills and
 * orders with their current status, and their complaint cases. Every lookup is by the member's customer id from the session: a ticket
 * of anyone else answers 404, exactly like a ticket that does not exist.
 */
@Controller
class MemberController {

    private final TicketQueries tickets;
    private final StaffReplies replies;
    private final CustomerProfiles profiles;
    private final MemberAccounts members;
    private final PortalIntake intake;
    private final ShipmentProgress progress;
    private final OrdersPlaced orders;
    private final CustomerCases cases;

    MemberController(TicketQueries tickets, StaffReplies replies, CustomerProfiles profiles, MemberAccounts members,
                     PortalIntake intake, ShipmentProgress progress, OrdersPlaced orders, CustomerCases cases) {
        this.progress = progress;
        this.orders = orders;
        this.cases = cases;
        this.tickets = tickets;
        this.replies = replies;
        this.profiles = profiles;
        this.members = members;
        this.intake = intake;
    }

    @GetMapping("/portal/tickets")
    String tickets(@AuthenticationPrincipal SignedInMember member, Model model) {
        model.addAttribute("tickets", tickets.list(null, null, member.customerId(), 200, 0));
        return "portal/tickets";
    }

    @GetMapping("/portal/tickets/{ref}")
    String ticket(@PathVariable String ref, @AuthenticationPrincipal SignedInMember member, Model model) {
        TicketQueries.TicketDetail detail = own(ref, member);
        // Internal notes are never passed to the portal; outbound entries are only what actually went out to the customer.
        List<Timeline.Entry> timeline = Timeline.of(detail, SentToCustomer.only(replies.forTicket(detail.ticket().id())), List.of());
        model.addAttribute("ticket", detail.ticket());
        model.addAttribute("timeline", timeline);
        model.addAttribute("token", java.util.UUID.randomUUID().toString());
        return "portal/ticket";
    }

    @PostMapping("/portal/tickets/{ref}/replies")
    String answer(@PathVariable String ref, @RequestParam(required = false) String body, @RequestParam(required = false) String token,
                  @AuthenticationPrincipal SignedInMember member, HttpServletRequest http, RedirectAttributes flash) {
        TicketQueries.TicketDetail detail = own(ref, member);
        if (body == null || body.isBlank() || body.length() > 20_000) {
            flash.addFlashAttribute("error", "reply.invalid");
            return "redirect:/portal/tickets/" + detail.ticket().ref();
        }
        String subject = TicketReference.tag(detail.ticket().ref()) + " "
                + Objects.requireNonNullElse(detail.ticket().subject(), "");
        if (subject.length() > 300) {
            subject = subject.substring(0, 300);
        }
        WebMessageRequest request = new WebMessageRequest(null, members.emailOf(member.customerId()).orElse(null),
                members.phoneOf(member.customerId()).orElse(null), subject.strip(), body, null, null, null);
        if (intake.submitAsMember(request, token, http.getRemoteAddr(), member.customerId()).isEmpty()) {
            flash.addFlashAttribute("error", "reply.unavailable");
        } else {
            flash.addFlashAttribute("notice", "reply.sent");
        }
        return "redirect:/portal/tickets/" + detail.ticket().ref();
    }

    /** Waybills and orders with the tracking and order systems' current status (looked up now, kept briefly). */
    @GetMapping("/portal/waybills")
    String waybills(@AuthenticationPrincipal SignedInMember member, Model model) {
        List<CustomerProfiles.Mention> mentions = profiles.mentions(member.customerId());
        model.addAttribute("waybills", progress.waybills(mentions));
        model.addAttribute("orders", progress.orders(mentions, orders.forCustomer(member.customerId())));
        return "portal/waybills";
    }

    @GetMapping("/portal/complaints")
    String complaints(@AuthenticationPrincipal SignedInMember member, Model model) {
        model.addAttribute("cases", cases.forCustomer(member.customerId()));
        return "portal/complaints";
    }

    private TicketQueries.TicketDetail own(String ref, SignedInMember member) {
        return tickets.find(ref)
                .filter(d -> d.ticket().customerId() != null && d.ticket().customerId() == member.customerId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such ticket"));
    }
}
