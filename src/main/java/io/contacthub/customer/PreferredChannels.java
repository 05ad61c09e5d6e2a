package io.contacthub.customer;

import io.contacthub.descriptor.ChannelCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The channel a customer asked to be answered on ({@code customer.preferred_channel}, read by
 * notify.CustomerNotifications). Only an outbound channel the hub has an address for can be
 * preferred: the channel descriptors say which identity kinds each addresses (e-mail an EMAIL
 * identity, SMS and a voice call a PHONE identity); none means automatic.
 */
@Component
public class PreferredChannels {

    private final JdbcClient jdbc;
    private final ChannelCatalog channels;

    PreferredChannels(JdbcClient jdbc, ChannelCatalog channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    /** Why a preference was not saved; shown to staff as it is. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public Optional<String> of(long customerId) {
        return jdbc.sql("select preferred_channel from customer where id = ?").param(customerId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(c -> c);
    }

    /** The channels the customer has an address for, in the order staff are offered them. */
    public List<String> possible(long customerId) {
        List<String> kinds = jdbc.sql("select distinct kind from customer_identity where customer_id = ?")
                .param(customerId).query(String.class).list();
        return channels.reachableOn(kinds);
    }

    /** @param channel an outbound channel (EMAIL, SMS, VOICE...), or blank for automatic (the channel they last used) */
    public void set(long customerId, String channel) {
        String wanted = channel == null || channel.isBlank() ? null : channel.trim().toUpperCase(Locale.ROOT);
        Optional<ChannelCatalog.Outbound> outbound = channels.outbound(wanted);
        if (wanted != null && outbound.isEmpty()) {
            throw new Refused("the preferred channel must be " + String.join(", ", channels.outbound().stream()
                    .map(ChannelCatalog.Outbound::name).toList()) + " or automatic, not " + channel.trim());
        }
        if (wanted != null && !possible(customerId).contains(wanted)) {
            throw new Refused("the customer has no " + String.join(" or ", outbound.get().addressed().stream()
                    .map(k -> channels.kindLabel(k, Locale.ENGLISH).toLowerCase(Locale.ROOT)).toList())
                    + ", so " + wanted + " cannot be their preferred channel");
        }
        if (jdbc.sql("update customer set preferred_channel = ? where id = ?").params(wanted, customerId).update() == 0) {
            throw new Refused("no customer " + customerId);
        }
    }
}
