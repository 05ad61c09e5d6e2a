package io.contacthub.intake.filter;

import io.contacthub.intake.ParsedContent;
import java.util.Optional;

/**
 * One check in the ordered chain that runs before threading. General filters are Spring beans ordered
 * by {@link org.springframework.core.annotation.Order} and run for every channel; a channel's own
 * filters ({@link #general()} false) run after them, only for channels whose descriptor lists their
 * {@link #name()}, in the descriptor's order. The first one that objects wins.
 */
public interface InboundFilter {

    /** How a channel descriptor names this filter; the bean's simple class name unless it says otherwise. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** True for filters every channel runs; false for one only channels naming it run. */
    default boolean general() {
        return true;
    }

    /** @return why this message must not open a ticket or trigger a reply, or empty to let it through */
    Optional<String> reasonToIgnore(ParsedContent content);
}
