package io.contacthub.intake.filter;

import io.contacthub.intake.ParsedContent;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Mailing-list and bulk mail (Precedence: bulk/list/junk, List-Id). */
@Component
@Order(30)
class BulkMailFilter implements InboundFilter {

    private static final Set<String> BULK = Set.of("bulk", "list", "junk");

    @Override
    public Optional<String> reasonToIgnore(ParsedContent content) {
        String precedence = content.automation().precedence();
        if (precedence != null && BULK.contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("bulk mail (Precedence: " + precedence.trim() + ")");
        }
        if (content.automation().listId() != null) {
            return Optional.of("mailing list (List-Id: " + content.automation().listId().trim() + ")");
        }
        return Optional.empty();
    }
}
