package io.contacthub.intake;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The steps after a contact is recorded, from {@code hub.pipeline} (application.yml lists the default).
 *
 * @param afterRecord the steps ({@link AfterRecordStep#name()}) in the order they run
 * @param off         steps that exist but must not run here (named so, rather than left out, so a step
 *                    a new module brings is never skipped by accident)
 */
@ConfigurationProperties("hub.pipeline")
public record PipelineSettings(List<String> afterRecord, List<String> off) {

    public PipelineSettings {
        afterRecord = afterRecord == null ? List.of() : List.copyOf(afterRecord);
        off = off == null ? List.of() : List.copyOf(off);
        for (String name : afterRecord) {
            if (off.contains(name)) {
                throw new IllegalArgumentException("hub.pipeline: step " + name + " is both in after-record and off");
            }
        }
        if (afterRecord.stream().distinct().count() != afterRecord.size()) {
            throw new IllegalArgumentException("hub.pipeline.after-record names a step twice: " + afterRecord);
        }
    }
}
