package io.contacthub.fuzz;

import io.contacthub.testsupport.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Starting inputs of the harnesses: small valid inputs each harness builds itself, plus, when the
 * third-party corpus is beside the project ({@code hub.corpus.dir}), its files read in place (never
 * copied into the repository). Regression inputs (crashes found and fixed) are files under
 * {@code src/test/resources/io/contacthub/fuzz/<Harness>Inputs/<method>/}, which Jazzer adds itself.
 */
final class Seeds {

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Seeds() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Mail-style line endings. */
    static byte[] crlf(String text) {
        return utf8(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    /** The corpus sub-folder's files whose names match; none (and a line saying so) when it is absent. */
    static Stream<byte[]> corpus(String subfolder, Predicate<String> names, String harness) {
        Path dir = Corpus.dir().resolve(subfolder);
        if (!Files.isDirectory(dir)) {
            if (ANNOUNCED.add(harness)) {
                System.out.println("FUZZ SEEDS: " + harness + " runs without the third-party corpus (" + dir
                        + " not found; set -Dhub.corpus.dir)");
            }
            return Stream.empty();
        }
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path p : listing.sorted().toList()) {
                if (Files.isRegularFile(p) && names.test(p.getFileName().toString())) {
                    files.add(Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream();
    }
}
