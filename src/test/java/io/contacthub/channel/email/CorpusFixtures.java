package io.contacthub.channel.email;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.testsupport.Corpus;
import io.contacthub.intake.ParsedContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Access to the third-party e-mail corpus, which lives outside the repository (never copied in).
 * The folder comes from system property {@code hub.corpus.dir} (set by {@code .ci/run} and passed
 * on by surefire), else {@code ../shared/corpus} relative to the working directory. Public so that
 * tests in other packages (the inbound filters) can parse corpus mail with the package-private parser.
 */
public final class CorpusFixtures {

    private static final EmailParser PARSER = new EmailParser(new DocumentTextExtractor(200000));

    private CorpusFixtures() {
    }

    /** The corpus root folder, whether or not it exists. */
    public static Path corpusDir() {
        return Corpus.dir();
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
        Corpus.assumePresent("email", testName);
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
