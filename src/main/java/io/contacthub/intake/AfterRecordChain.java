package io.contacthub.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ordered chain of {@link AfterRecordStep}s, as {@code hub.pipeline.after-record} declares it
 * (the model is Apache James' mailet pipeline and Zammad's ordered filters: one visible list). The
 * start fails when the list names a step no bean has, or a step bean is in neither
 * {@code after-record} nor {@code off}.
 */
@Component
public class AfterRecordChain {

    private static final Logger log = LoggerFactory.getLogger(AfterRecordChain.class);

    private final List<AfterRecordStep> steps = new ArrayList<>();

    AfterRecordChain(List<AfterRecordStep> beans, PipelineSettings settings) {
        Map<String, AfterRecordStep> byName = new LinkedHashMap<>();
        for (AfterRecordStep step : beans) {
            if (byName.putIfAbsent(step.name(), step) != null) {
                throw new IllegalStateException("two after-record steps are called " + step.name());
            }
        }
        for (String name : settings.afterRecord()) {
            AfterRecordStep step = byName.get(name);
            if (step == null) {
                throw new IllegalStateException("hub.pipeline.after-record names step " + name + ", which no bean provides"
                        + " (steps: " + String.join(", ", byName.keySet()) + ")");
            }
            steps.add(step);
        }
        List<String> unplaced = byName.keySet().stream()
                .filter(n -> !settings.afterRecord().contains(n) && !settings.off().contains(n)).toList();
        if (!unplaced.isEmpty()) {
            throw new IllegalStateException("after-record steps " + unplaced + " are in neither hub.pipeline.after-record"
                    + " (where they run, in order) nor hub.pipeline.off");
        }
        log.info("after a contact is recorded: {}", steps.stream().map(AfterRecordStep::name).collect(Collectors.joining(" → ")));
    }

    /** Runs every step in order, in the caller's transaction; returns what they passed on. */
    public EarlierResults run(RecordedContact contact) {
        EarlierResults results = new EarlierResults();
        for (AfterRecordStep step : steps) {
            results.add(step.apply(contact, results));
        }
        return results;
    }

    public List<String> names() {
        return steps.stream().map(AfterRecordStep::name).toList();
    }
}
