package io.contacthub.intake.filter;

import io.contacthub.intake.ParsedContent;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Messages that are instructions to the channel itself (an SMS {@code STOP}, {@code START} or
 * {@code HELP}) rather than something for staff. The channel's parser recognises them and says
 * why; this filter only keeps them from opening tickets. First in the chain: a command is never a
 * contact, whatever else it looks like.
 */
@Component
@Order(5)
class ChannelCommandFilter implements InboundFilter {

    @Override
    public Optional<String> reasonToIgnore(ParsedContent content) {
        return Optional.ofNullable(content.channelCommand()).filter(reason -> !reason.isBlank());
    }
}
