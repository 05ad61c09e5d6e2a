package io.contacthub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inwards: channels use the core, never each other, and the core never uses them. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.contacthub");

    @Test
    void channelsDoNotDependOnEachOther() {
        // A rule over no classes passes vacuously: make sure there is something to check.
        assertThat(classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("io.contacthub.channel.")).distinct())
                .as("channel packages").hasSizeGreaterThanOrEqualTo(3);
        slices().matching("io.contacthub.channel.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void coreDoesNotDependOnChannelsOrTheWebLayer() {
        noClasses().that().resideInAnyPackage("io.contacthub.intake..", "io.contacthub.ticket..", "io.contacthub.customer..",
                        "io.contacthub.understand..", "io.contacthub.extract..", "io.contacthub.database..")
                .should().dependOnClassesThat().resideInAnyPackage("io.contacthub.channel..", "io.contacthub.web..")
                .check(classes);
    }
}
