package io.contacthub.intake.filter;

import io.contacthub.intake.ParsedContent;
import java.util.Optional;

/**
 * One check in the ordered chain that runs before threading. Filters are Spring beans ordered by
 * {@link org.springframework.core.annotation.Order}; the first one that objects wins.
 */
public interface InboundFilter {

    /** @return why this message must not open a ticket or trigger a reply, or empty to let it through */
    Optional<String> reasonToIgnore(ParsedContent content);
}
