package io.contacthub.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What the steps before this one returned, by type, for one contact. */
public final class EarlierResults {

    private final List<Object> results = new ArrayList<>();

    public static EarlierResults none() {
        return new EarlierResults();
    }

    void add(Object result) {
        if (result != null) {
            results.add(result);
        }
    }

    /** The latest result of this type, if a step returned one. */
    public <T> Optional<T> get(Class<T> type) {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (type.isInstance(results.get(i))) {
                return Optional.of(type.cast(results.get(i)));
            }
        }
        return Optional.empty();
    }

    /** Some step already queued something for the customer. */
    public boolean customerTold() {
        return results.stream().anyMatch(r -> r instanceof TellsCustomer t && t.customerTold());
    }

    public List<Object> all() {
        return Collections.unmodifiableList(results);
    }
}
