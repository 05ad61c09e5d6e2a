package io.contacthub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.VerificationOptions;
import org.springframework.modulith.docs.Documenter;

/**
 * The module rules. A module is a package whose package-info.java says {@code @ApplicationModule}
 * ({@code spring.modulith.detection-strategy: explicitly-annotated}): every top-level package, and each channel
 * ({@code channel.email}, {@code channel.fax}, ...) on its own; {@code web.console} and {@code web.portal} are modules
 * nested in {@code web}. A module offers its base package; a sub-package only when its package-info names it a
 * {@code @NamedInterface} ({@code extract::ocr}, {@code extract::speech}, {@code understand::forms},
 * {@code intake::filter}, {@code backoffice::tracking}). Spring Modulith fails on a cycle between modules and on a
 * use of what a module does not offer; {@code @ApplicationModule(allowedDependencies)} is declared where a use is
 * worth saying (the voice IVR's tracking lookup, the portal's use of the web channel).
 * <p>
 * What Modulith cannot say is added as rules of the same verdict: nothing outside the channels uses a channel (the
 * portal's form is the web channel's second door, and the application applies the e-mail channel's JVM-wide mail
 * switches first), and OCR and speech-to-text use nothing of each other. That channels use nothing of each other is
 * {@link ArchitectureTest}'s.
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(ContactHubApplication.class);

    private static final String CHANNELS = "io.contacthub.channel..";

    /** Channels are leaves: only their routes (by bean name) and their own tests reach them. */
    static final ArchRule NOTHING_OUTSIDE_THE_CHANNELS_USES_ONE = noClasses()
            .that().resideOutsideOfPackages(CHANNELS, "io.contacthub.web.portal..")
            .and().doNotBelongToAnyOf(ContactHubApplication.class) // MailLeniency.apply() before anything loads Jakarta Mail
            .should().dependOnClassesThat().resideInAPackage(CHANNELS)
            .as("nothing outside the channels uses a channel");

    static final ArchRule THE_PORTAL_USES_THE_WEB_CHANNEL_ONLY = noClasses()
            .that().resideInAPackage("io.contacthub.web.portal..")
            .should().dependOnClassesThat(resideInAPackage(CHANNELS).and(resideOutsideOfPackage("io.contacthub.channel.web")))
            .as("the portal uses no channel but the web channel");

    static final ArchRule THE_EXTRACTORS_ARE_INDEPENDENT = slices().matching("io.contacthub.extract.(*)..")
            .should().notDependOnEachOther()
            .as("OCR and speech-to-text use nothing of each other");

    @Test
    void modulesHaveNoCyclesAndUseOnlyWhatOthersOffer() {
        MODULES.detectViolations(VerificationOptions.defaults().andAdditionalVerifications(
                NOTHING_OUTSIDE_THE_CHANNELS_USES_ONE, THE_PORTAL_USES_THE_WEB_CHANNEL_ONLY, THE_EXTRACTORS_ARE_INDEPENDENT))
                .throwIfPresent();
    }

    /**
     * With explicitly annotated modules, a new top-level package without an {@code @ApplicationModule} package-info
     * would belong to no module and escape every rule above.
     */
    @Test
    void everyClassBelongsToAModule() {
        assertThat(classesOutsideModules()).as("classes in no module (give their top-level package a package-info.java with "
                + "@ApplicationModule)").isEmpty();
    }

    @Test
    void layoutIsTheDeclaredOne() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("intake", "ticket", "customer", "understand", "extract", "notify", "backoffice", "complaint",
                        "channel.email", "channel.fax", "channel.sms", "channel.voice", "channel.web", "web", "web.console",
                        "web.portal");
        ApplicationModule console = MODULES.getModuleByName("web.console").orElseThrow();
        assertThat(MODULES.getParentOf(console)).as("the console is nested in web")
                .hasValueSatisfying(parent -> assertThat(parent.getIdentifier().toString()).isEqualTo("web"));
        assertThat(MODULES.getModuleByName("channel.email").flatMap(MODULES::getParentOf)).as("a channel is a top-level module")
                .isEmpty();
    }

    /** target/spring-modulith-docs: the modules and their dependencies as PlantUML, one canvas per module. */
    @Test
    void writesTheModuleDocumentation() throws Exception {
        new Documenter(MODULES).writeDocumentation();
        assertThat(Files.list(Path.of("target", "spring-modulith-docs"))).isNotEmpty();
    }

    private static List<String> classesOutsideModules() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.contacthub");
        assertThat(classes).as("classes imported").hasSizeGreaterThan(100);
        return classes.stream()
                .filter(c -> !c.getPackageName().equals("io.contacthub"))
                .map(JavaClass::getName)
                .filter(name -> MODULES.getModuleByType(name).filter(m -> !m.isRootModule()).isEmpty())
                .sorted().toList();
    }
}
