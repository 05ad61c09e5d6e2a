package io.contacthub.bench;

import io.contacthub.channel.fax.FaxReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Field accuracy of fax reading (docs/BENCHMARKS.md, "Fax accuracy"). N generated fax pages ({@link FaxForms}: Chinese
 * and English consignment notes, order forms, complaint letters, mixed pages; skew, noise, blur, stamps; G3/G4) at
 * 204 × 196 and 204 × 98 dpi go through the hub's fax reading ({@link FaxReading}: the fax channel's OCR, pre-processing,
 * form fields and field confidences, the same object the channel uses), and the same TIFFs through the bare
 * {@code tesseract} command. Printed per resolution and language: character error rate, key fields right (and sent
 * without review), flagged for review, wrong but not flagged, seconds per page.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@fax-accuracy-benchmark -Dbench.faxForms=200}. Pre-processing
 * steps are switched with {@code -Dhub.ocr.tuning.*} (see OcrTuning), e.g. {@code -Dbench.tuning=plain} for the
 * reader as it was.
 */
public final class FaxAccuracyBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.faxForms", 200);
        long seed = Long.getLong("bench.seed", 16);
        int workers = Integer.getInteger("bench.ocrWorkers", 2);
        boolean bare = Boolean.parseBoolean(System.getProperty("bench.bare", "true"));
        String resolutions = System.getProperty("bench.resolutions", "196,98");
        FaxReading reading = StandaloneHub.faxReading(workers);
        System.out.printf("fax accuracy: %d pages per resolution, seed %d, %d workers, tuning %s%n", n, seed, workers,
                StandaloneHub.tuning());
        List<String> table = new ArrayList<>();
        table.add("| resolution | language | pages | CER hub | CER bare | fields right, sent unflagged | right value (incl. flagged) "
                + "| flagged | wrong, not flagged | s/page hub | s/page bare |");
        table.add("|---|---|---|---|---|---|---|---|---|---|---|");
        Map<String, int[]> perField = new TreeMap<>();
        for (String res : resolutions.split(",")) {
            int ydpi = Integer.parseInt(res.trim());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "bench");
                t.setDaemon(true);
                return t;
            });
            List<Future<Result>> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                jobs.add(pool.submit(() -> run(reading, FaxForms.page(seed, index, FaxForms.Degradation.fax(ydpi)), bare)));
            }
            Map<String, Stats> byLanguage = new LinkedHashMap<>();
            for (Future<Result> job : jobs) {
                Result r = job.get();
                // a seal over a field (a fifth of the pages) hides it from a person too: both kinds of page are shown
                for (String key : List.of(r.page.language(), "all", r.page.stamped() == null ? "all, no seal" : "all, sealed")) {
                    byLanguage.computeIfAbsent(key, k -> new Stats()).add(r);
                }
                r.fields.forEach((field, outcome) -> {
                    int[] c = perField.computeIfAbsent(ydpi + " " + field, k -> new int[4]);
                    c[outcome.ordinal()]++;
                });
                if (Boolean.getBoolean("bench.verbose") || "text".equals(System.getProperty("bench.verbose"))) {
                    System.out.println(r.page.index() + " " + r.page.kind() + " " + r.page.font() + " stamp=" + r.page.stamped() + " " + r.detail);
                }
            }
            pool.shutdown();
            for (var e : new TreeMap<>(byLanguage).entrySet()) {
                Stats s = e.getValue();
                table.add(String.format(Locale.ROOT, "| 204×%d | %s | %d | %.1f %% | %s | %.1f %% (%d/%d) | %.1f %% | %.1f %% | %.2f %% (%d) | %.2f | %s |",
                        ydpi, e.getKey(), s.pages, 100 * s.cer / s.pages, bare ? String.format(Locale.ROOT, "%.1f %%", 100 * s.cerBare / s.pages) : "–",
                        100.0 * s.right / s.fields, s.right, s.fields, 100.0 * (s.right + s.rightFlagged) / s.fields,
                        100.0 * s.flagged / s.fields, 100.0 * s.wrongUnflagged / s.fields, s.wrongUnflagged,
                        s.seconds / s.pages, bare ? String.format(Locale.ROOT, "%.2f", s.secondsBare / s.pages) : "–"));
            }
        }
        System.out.println();
        table.forEach(System.out::println);
        String csv = System.getProperty("bench.csv", "");
        if (!csv.isBlank()) { // the pom passes it always, empty when not asked for
            Files.write(Path.of(csv), CSV);
        }
        System.out.println();
        System.out.println("| resolution field | right, unflagged | right but flagged | wrong or missing, flagged | wrong, NOT flagged |");
        System.out.println("|---|---|---|---|---|");
        perField.forEach((k, c) -> System.out.printf("| %s | %d | %d | %d | %d |%n", k, c[0], c[1], c[2], c[3]));
        System.exit(0);
    }

    static final List<String> CSV = java.util.Collections.synchronizedList(new ArrayList<>());

    enum Outcome { RIGHT, RIGHT_FLAGGED, FLAGGED, WRONG_UNFLAGGED }

    record Result(FaxForms.Page page, double cer, double cerBare, double seconds, double secondsBare,
                  Map<String, Outcome> fields, String detail) {
    }

    static final class Stats {
        int pages;
        int fields;
        int right;
        int rightFlagged;
        int flagged;
        int wrongUnflagged;
        double cer;
        double cerBare;
        double seconds;
        double secondsBare;

        void add(Result r) {
            pages++;
            cer += r.cer;
            cerBare += r.cerBare;
            seconds += r.seconds;
            secondsBare += r.secondsBare;
            for (Outcome o : r.fields.values()) {
                fields++;
                switch (o) {
                    case RIGHT -> right++;
                    case RIGHT_FLAGGED -> rightFlagged++;
                    case FLAGGED -> flagged++;
                    case WRONG_UNFLAGGED -> wrongUnflagged++;
                }
            }
        }
    }

    static Result run(FaxReading reading, FaxForms.Page page, boolean bare) throws Exception {
        long start = System.nanoTime();
        FaxReading.Read read;
        Map<String, FaxReading.Value> values;
        try {
            read = reading.read(page.tiff(), "fax-" + page.index() + ".tif");
            values = reading.values(read);
        } catch (io.contacthub.extract.ocr.UnreadableDocumentException e) {
            // the hub would make the fax FAILED for staff (e.g. a page over hub.ocr.page-timeout): every field flagged
            System.out.println("page " + page.index() + " at 204×" + page.ydpi() + " not read: " + e.getMessage());
            read = null;
            values = Map.of();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double secondsBare = 0;
        double cerBare = 0;
        if (bare) {
            Path dir = Files.createTempDirectory("fax-bare");
            Path file = dir.resolve("page.tif");
            Files.write(file, page.tiff());
            long t = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder("tesseract", file.toString(), "stdout", "-l", "chi_sim+eng")
                    .redirectErrorStream(false).redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("OMP_THREAD_LIMIT", "1");
            pb.start().waitFor();
            secondsBare = (System.nanoTime() - t) / 1e9;
            cerBare = cer(String.join("\n", page.text()), Files.readString(dir.resolve("out.txt")));
            Files.delete(dir.resolve("out.txt"));
            Files.delete(file);
            Files.delete(dir);
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        StringBuilder detail = new StringBuilder();
        Map<String, FaxReading.Value> got = values;
        FaxReading.Read asRead = read;
        page.fields().forEach((field, truth) -> {
            FaxReading.Value v = got.get(field);
            boolean right = v != null && same(field, truth, v.value());
            boolean flagged = v == null || v.flagged();
            Outcome o = right ? (flagged ? Outcome.RIGHT_FLAGGED : Outcome.RIGHT) : flagged ? Outcome.FLAGGED : Outcome.WRONG_UNFLAGGED;
            outcomes.put(field, o);
            CSV.add(page.ydpi() + "," + page.language() + "," + field + "," + (v == null ? "" : v.confidence()) + "," + right
                    + "," + (field.equals(page.stamped())) + "," + (page.stamped() != null));
            if (o != Outcome.RIGHT) {
                var how = asRead == null ? null : asRead.form().fields().get(field);
                detail.append(String.format(Locale.ROOT, "%n    %s %s: truth=%s read=%s conf=%s (label %s, raw \"%s\", %s)", o, field, truth,
                        v == null ? null : v.value(), v == null ? null : v.confidence(), how == null ? null : how.label(),
                        how == null ? null : how.raw(), how == null ? null : how.check()));
            }
        });
        if ("text".equals(System.getProperty("bench.verbose")) && read != null) {
            // what the hub read, for looking at why a field was not found
            detail.append(String.format(Locale.ROOT, "%n    --- page text as read:%n%s%n    ---", read.text()));
        }
        return new Result(page, cer(String.join("\n", page.text()), read == null ? "" : read.text()), cerBare, seconds, secondsBare, outcomes,
                detail.toString());
    }

    /** Compared as staff would: NFKC (full-width → half-width), no whitespace, case-insensitive; phones by digits. */
    public static boolean same(String field, String truth, String read) {
        if (read == null) {
            return false;
        }
        if (field.equals("phone")) {
            return truth.replaceAll("\\D", "").equals(read.replaceAll("\\D", ""));
        }
        return norm(truth).equals(norm(read));
    }

    static String norm(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    static double cer(String expected, String actual) {
        String a = norm(expected);
        String b = actual == null ? "" : norm(actual);
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return a.isEmpty() ? 0 : Math.min(1.0, prev[b.length()] / (double) a.length());
    }
}
