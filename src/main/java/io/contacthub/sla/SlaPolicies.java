package io.contacthub.sla;

import io.contacthub.config.HubSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which commitment a ticket is under and when its targets fall due on the calendar. The last policy should match
 * everything (no lists), so every ticket has one; the start fails otherwise.
 */
@Component
public class SlaPolicies {

    private final BusinessCalendar calendar;
    private final List<SlaPolicy> policies;

    SlaPolicies(SlaSettings settings, HubSettings hub) {
        SlaSettings.Calendar c = settings.calendar();
        String zone = !c.zone().isEmpty() ? c.zone() : !hub.timeZone().isEmpty() ? hub.timeZone() : "Asia/Shanghai";
        this.calendar = new BusinessCalendar(ZoneId.of(zone), new HashSet<>(c.workdays()), c.opens(), c.closes(),
                new HashSet<>(c.holidays()), new HashSet<>(c.extraWorkdays()));
        this.policies = settings.policies().stream().map(p -> new SlaPolicy(p.name(), p.channels(), p.intents(),
                p.customerClasses(), p.firstResponse(), p.resolution())).toList();
        SlaPolicy last = policies.get(policies.size() - 1);
        if (!last.channels().isEmpty() || !last.intents().isEmpty() || !last.customerClasses().isEmpty()) {
            throw new IllegalArgumentException("hub.sla.policies: the last policy (" + last.name()
                    + ") must match every ticket (no channels, intents or customer-classes), so no ticket is without one");
        }
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public SlaPolicy policyFor(String channel, String intent, String customerClass) {
        return policies.stream().filter(p -> p.appliesTo(channel, intent, customerClass)).findFirst().orElseThrow();
    }

    /** A ticket's targets from when it opened. */
    public record Targets(SlaPolicy policy, Instant firstResponseDue, Instant resolutionDue) {
    }

    public Targets targets(String channel, String intent, String customerClass, Instant opened) {
        SlaPolicy policy = policyFor(channel, intent, customerClass);
        return new Targets(policy, calendar.plus(opened, policy.firstResponse()), calendar.plus(opened, policy.resolution()));
    }
}
