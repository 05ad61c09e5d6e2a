package io.contacthub.ticket;

import io.contacthub.customer.PhoneNumbers;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People staff added to a ticket beside its customer (a colleague who also writes about the matter).
 * A participant's mail or text that the channel proved comes from them may join the ticket by its
 * reference tag, like the customer's own.
 */
@Component
public class TicketParticipants {

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;

    TicketParticipants(JdbcClient jdbc, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.phones = phones;
    }

    public record Participant(String kind, String value, String addedBy) {
    }

    /** @throws IllegalArgumentException when the address is neither an e-mail address nor a valid phone number */
    public Participant add(long ticketId, String address, String staff) {
        String trimmed = address == null ? "" : address.strip();
        Participant p;
        if (trimmed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            p = new Participant("EMAIL", trimmed.toLowerCase(Locale.ROOT), staff);
        } else {
            p = phones.normalize(trimmed).map(e164 -> new Participant("PHONE", e164, staff))
                    .orElseThrow(() -> new IllegalArgumentException("not an e-mail address or phone number: " + trimmed));
        }
        jdbc.sql("insert into ticket_participant (ticket_id, kind, value, added_by) values (?, ?, ?, ?) on conflict do nothing")
                .params(ticketId, p.kind(), p.value(), staff).update();
        return p;
    }

    public List<Participant> of(long ticketId) {
        return jdbc.sql("select kind, value, added_by from ticket_participant where ticket_id = ? order by id")
                .param(ticketId).query((rs, n) -> new Participant(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
