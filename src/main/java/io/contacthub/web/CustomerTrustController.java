package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import io.contacthub.customer.CustomerDirectory;
import io.contacthub.customer.CustomerMerge;
import io.contacthub.customer.PhoneNumbers;
import io.contacthub.ticket.TicketLinks;
import io.contacthub.ticket.TicketParticipants;
import io.contacthub.ticket.TicketQueries;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What only staff may decide about identity: merging two customer records, confirming that an
 * address belongs to a customer, adding a participant to a ticket, and linking a ticket that quoted
 * a reference into that ticket. The hub never does these on a stranger's word.
 */
@RestController
class CustomerTrustController {

    private final CustomerMerge merge;
    private final CustomerDirectory directory;
    private final PhoneNumbers phones;
    private final TicketParticipants participants;
    private final TicketLinks links;
    private final TicketQueries tickets;
    private final TransactionTemplate transactions;

    CustomerTrustController(CustomerMerge merge, CustomerDirectory directory, PhoneNumbers phones,
                            TicketParticipants participants, TicketLinks links, TicketQueries tickets,
                            PlatformTransactionManager transactionManager) {
        this.merge = merge;
        this.directory = directory;
        this.phones = phones;
        this.participants = participants;
        this.links = links;
        this.tickets = tickets;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    record MergeRequest(Long into) {
    }

    /** Supervisors and admins only: a wrong merge sends one customer's data to another. */
    @PostMapping("/api/customers/{id}/merge")
    ResponseEntity<?> merge(@PathVariable long id, @RequestBody(required = false) MergeRequest request, Authentication staff) {
        if (!StaffRoles.isSupervisor(staff)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "merging customers needs a supervisor");
        }
        if (request == null || request.into() == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "give the customer to merge into: {\"into\": id}");
        }
        try {
            merge.merge(id, request.into(), staff.getName());
            return ResponseEntity.ok(Map.of("merged", id, "into", request.into()));
        } catch (CustomerMerge.MergeRefused e) {
            throw ApiProblem.of(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    record IdentityRequest(String email, String phone) {
    }

    /** Staff confirmed (by phone, in person) that the address is the customer's: it becomes VERIFIED. */
    @PostMapping("/api/customers/{id}/identities/verified")
    ResponseEntity<?> verify(@PathVariable long id, @RequestBody(required = false) IdentityRequest request, Principal staff) {
        if (request == null || (blank(request.email()) == blank(request.phone()))) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "give one e-mail or one phone");
        }
        String kind;
        String value;
        if (!blank(request.email())) {
            kind = "EMAIL";
            value = request.email().strip().toLowerCase(Locale.ROOT);
            if (!value.matches("[^@\\s]+@[^@\\s]+")) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "not an e-mail address");
            }
        } else {
            kind = "PHONE";
            value = phones.normalize(request.phone()).orElse(null);
            if (value == null) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "not a valid phone number");
            }
        }
        Boolean applied = transactions.execute(tx -> directory.markVerified(id, kind, value, staff.getName()));
        if (!Boolean.TRUE.equals(applied)) {
            throw ApiProblem.of(HttpStatus.CONFLICT, kind + " " + value
                    + " belongs to another customer: merge the two customers instead");
        }
        return ResponseEntity.ok(Map.of("customer", id, "kind", kind, "value", value, "provenance", "VERIFIED"));
    }

    record ParticipantRequest(String address) {
    }

    @PostMapping("/api/tickets/{ref}/participants")
    ResponseEntity<?> participant(@PathVariable String ref, @RequestBody(required = false) ParticipantRequest request,
                                  Principal staff) {
        var ticket = tickets.find(ref).orElse(null);
        if (ticket == null) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "no ticket " + ref);
        }
        try {
            return ResponseEntity.ok(participants.add(ticket.ticket().id(), request == null ? null : request.address(), staff.getName()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    record LinkRequest(String into) {
    }

    @PostMapping("/api/tickets/{ref}/link")
    ResponseEntity<?> link(@PathVariable String ref, @RequestBody(required = false) LinkRequest request, Principal staff) {
        if (request == null || blank(request.into())) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "give the ticket to link into: {\"into\": \"CH-…\"}");
        }
        try {
            links.link(ref, request.into(), staff.getName());
            return ResponseEntity.ok(Map.of("linked", ref.toUpperCase(Locale.ROOT), "into", request.into().strip().toUpperCase(Locale.ROOT)));
        } catch (TicketLinks.LinkRefused e) {
            throw ApiProblem.of(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
