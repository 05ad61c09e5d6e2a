package io.contacthub.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

/**
 * The per-input time limit. Fuzzing ({@code -Pfuzz}, {@code JAZZER_FUZZ=1}): libFuzzer's
 * {@code -timeout}, which the profile sets from {@code junit.jupiter.execution.timeout.testtemplate.method.default}
 * (JUnit's own timeout is switched off there, as it would time the whole fuzzing run); an input over
 * it is saved as {@code timeout-*} and fails the run. Regression runs (a plain build): each input runs
 * under {@link org.junit.jupiter.api.Assertions#assertTimeoutPreemptively}, so an input that hangs
 * again fails its test instead of the build. (A JUnit {@code @Timeout} on the method cannot be used:
 * the first regression input would also pay for Jazzer's agent installation.)
 */
final class Budget {

    /** Per input, the same in both modes (the profile passes it to libFuzzer). */
    static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final boolean FUZZING = isTruthy(System.getenv("JAZZER_FUZZ"))
            || isTruthy(System.getProperty("JAZZER_FUZZ"));

    static {
        if (!FUZZING && System.getProperty("jazzer.instrument") == null && System.getenv("JAZZER_INSTRUMENT") == null) {
            /*
             * Regression mode runs in the build's shared test JVM, and Jazzer's agent, once installed by the
             * first harness, rewrites every class it matches that loads afterwards (by default all of
             * io.contacthub.**). Rewritten @ConfigurationProperties records lost what Spring's Binder binds
             * them by: UnderstandStageTest, FormFieldExtractorTest, ComplaintCaseTest and RestartRecoveryTest
             * failed with "No value bound" whenever a harness ran before them. Replaying inputs needs no
             * rewriting of the code under test (a regression input fails by its exception or assertion),
             * so only the harnesses themselves are matched. Fuzzing (-Pfuzz) sets jazzer.instrument itself.
             */
            System.setProperty("jazzer.instrument", "io.contacthub.fuzz.**");
        }
    }

    private Budget() {
    }

    /** Called from each harness's static initialiser, before Jazzer installs its agent. */
    static void init() {
        // the static initialiser above does the work
    }

    static <T> T within(Internals.Invocation target) {
        if (FUZZING) {
            return Internals.call(target);
        }
        return assertTimeoutPreemptively(PER_INPUT, () -> Internals.<T>call(target),
                () -> "one input took longer than " + PER_INPUT.toSeconds() + " s");
    }

    private static boolean isTruthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }
}
