package io.contacthub.channel.email;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.intake.ParsedContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access to the third-party e-mail corpus, which lives outside the repository (never copied in).
 * The folder comes from system property {@code hub.corpus.dir} (set by {@code .ci/run} and passed
 * on by surefire), else {@code ../shared/corpus} relative to the working directory. Public so that
 * tests in other packages (the inbound filters) can parse corpus mail with the package-private parser.
 */
public final class CorpusFixtures {

    private static final EmailParser PARSER = new EmailParser(new DocumentTextExtractor(200000));
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private CorpusFixtures() {
    }

    /** The corpus root folder, whether or not it exists. */
    public static Path corpusDir() {
        String configured = System.getProperty("hub.corpus.dir");
        // Without -Dhub.corpus.dir, surefire may pass the unresolved "${hub.corpus.dir}" literally.
        if (configured == null || configured.isBlank() || configured.contains("${")) {
            return Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    public static Path emailDir() {
        return corpusDir().resolve("email");
    }

    /**
     * Skips the calling test (JUnit assumption, so surefire counts it as skipped) when the corpus
     * is not there, and says so once per test class on the console, so that a green build cannot
     * be mistaken for a corpus run.
     */
    public static void assumeEmailCorpusPresent(String testName) {
        Path dir = emailDir();
        boolean present = Files.isDirectory(dir);
        if (!present && ANNOUNCED.add(testName)) {
            System.out.println("CORPUS TESTS DID NOT RUN: " + testName + " skipped because the e-mail corpus folder " + dir
                    + " does not exist (set -Dhub.corpus.dir=<path to shared/corpus>; a plain checkout has no ../shared)");
        }
        assumeTrue(present, () -> "e-mail corpus not found at " + dir + " (set -Dhub.corpus.dir)");
    }

    public static byte[] read(String fileName) {
        try {
            return Files.readAllBytes(emailDir().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParsedContent parse(String fileName) {
        return PARSER.parse(read(fileName));
    }
}
