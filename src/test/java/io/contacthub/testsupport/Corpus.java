package io.contacthub.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The third-party test corpus, which lives outside the repository (never copied in): system
 * property {@code hub.corpus.dir} (set by the pom and {@code .ci/run}), else {@code ../shared/corpus}
 * relative to the working directory.
 */
public final class Corpus {

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Corpus() {
    }

    /** The corpus root folder, whether or not it exists. */
    public static Path dir() {
        String configured = System.getProperty("hub.corpus.dir");
        // Without -Dhub.corpus.dir, surefire may pass the unresolved "${hub.corpus.dir}" literally.
        if (configured == null || configured.isBlank() || configured.contains("${")) {
            return Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /**
     * Skips the calling test (JUnit assumption: surefire counts it as skipped) when the corpus
     * sub-folder is missing, and says so once per test on the console, so that a green build cannot
     * be mistaken for a corpus run.
     *
     * @return the sub-folder
     */
    public static Path assumePresent(String subfolder, String testName) {
        Path dir = dir().resolve(subfolder);
        boolean present = Files.isDirectory(dir);
        if (!present && ANNOUNCED.add(testName)) {
            System.out.println("CORPUS TESTS DID NOT RUN: " + testName + " skipped because the corpus folder " + dir
                    + " does not exist (set -Dhub.corpus.dir=<path to shared/corpus>; a plain checkout has no ../shared)");
        }
        assumeTrue(present, () -> "corpus not found at " + dir + " (set -Dhub.corpus.dir)");
        return dir;
    }
}
