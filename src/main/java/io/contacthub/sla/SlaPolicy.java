package io.contacthub.sla;

import java.time.Duration;
import java.util.List;

/**
 * A service commitment: tickets it applies to (any of the channels, intents and customer classes listed; an empty
 * list matches everything) and the working time within which the customer gets a first answer and the ticket is
 * resolved. The first policy that applies to a ticket is its policy.
 */
public record SlaPolicy(String name, List<String> channels, List<String> intents, List<String> customerClasses,
                        Duration firstResponse, Duration resolution) {

    public SlaPolicy {
        channels = channels == null ? List.of() : List.copyOf(channels);
        intents = intents == null ? List.of() : List.copyOf(intents);
        customerClasses = customerClasses == null ? List.of() : List.copyOf(customerClasses);
    }

    public boolean appliesTo(String channel, String intent, String customerClass) {
        return matches(channels, channel) && matches(intents, intent) && matches(customerClasses, customerClass);
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value));
    }
}
