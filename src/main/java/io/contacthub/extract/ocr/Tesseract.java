package io.contacthub.extract.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The {@code tesseract} command of the OS, one page image per call. Called directly rather than
 * through Tika's TesseractOCRParser because staff need the text <em>per page</em> and Tesseract's
 * word confidences (its TSV output), which the parser does not return; Tika still detects what a
 * file is and reads the documents that have text. One call writes both the plain text and the TSV.
 * Each process is held to one thread ({@code OMP_THREAD_LIMIT=1}) so the worker pool's size is
 * the number of cores OCR takes.
 */
public class Tesseract {

    private static final Pattern CJK_GAP = Pattern.compile("(?<=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}])[ \\t]+(?=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}])");

    private final String command;
    private final String languages;
    private final int dpi;

    public Tesseract(String command, String languages, int dpi) {
        this.command = command;
        this.languages = languages;
        this.dpi = dpi;
    }

    /** What is installed: the version line and the language packs, or why Tesseract cannot run. */
    public record Status(String version, List<String> installedLanguages, String problem) {
        public boolean ready() {
            return problem == null;
        }
    }

    public Status status() {
        String version;
        try {
            version = run(List.of(command, "--version"), Duration.ofSeconds(20)).lines().findFirst().orElse("tesseract").strip();
        } catch (IOException e) {
            return new Status(null, List.of(), "Tesseract not found ('" + command + "': " + e.getMessage()
                    + "); install the OS packages tesseract-ocr and tesseract-ocr-chi-sim, or set HUB_TESSERACT");
        }
        List<String> installed;
        try {
            installed = run(List.of(command, "--list-langs"), Duration.ofSeconds(20)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("List of")).toList();
        } catch (IOException e) {
            return new Status(version, List.of(), "tesseract --list-langs failed: " + e.getMessage());
        }
        List<String> missing = Arrays.stream(languages.split("\\+")).filter(l -> !installed.contains(l)).toList();
        if (!missing.isEmpty()) {
            return new Status(version, installed, "Tesseract language pack(s) " + missing + " not installed (have " + installed
                    + "); install e.g. tesseract-ocr-chi-sim, or change hub.ocr.languages");
        }
        return new Status(version, installed, null);
    }

    public String languages() {
        return languages;
    }

    /** The page's text, mean word confidence (0..100) and its lines' words (one entry per line of the text). */
    public record Recognized(String text, double confidence, List<OcrLine> lines) {
        public Recognized(String text, double confidence) {
            this(text, confidence, List.of());
        }
    }

    /**
     * How a page or a region is read: Tesseract's page segmentation mode, a character whitelist (null: all), and
     * whether runs of spaces between words are kept as they were printed.
     */
    public record Options(int psm, String whitelist, boolean preserveInterwordSpaces) {
        public static final Options PAGE = new Options(3, null, false);
    }

    /**
     * @throws IOException when Tesseract cannot be started, fails, or does not finish within the timeout
     */
    public Recognized recognize(BufferedImage page, Duration timeout) throws IOException {
        return recognize(page, timeout, false);
    }

    /**
     * @param photo a photograph (grey or colour, unevenly lit) rather than a fax or scanner page
     * @throws IOException when Tesseract cannot be started, fails, or does not finish within the timeout
     */
    public Recognized recognize(BufferedImage page, Duration timeout, boolean photo) throws IOException {
        return recognize(page, timeout, photo, Options.PAGE);
    }

    /**
     * @throws IOException when Tesseract cannot be started, fails, or does not finish within the timeout
     */
    public Recognized recognize(BufferedImage page, Duration timeout, boolean photo, Options options) throws IOException {
        Path dir = Files.createTempDirectory("hub-ocr-");
        try {
            Path image = dir.resolve("page.png");
            if (!ImageIO.write(page, "png", image.toFile())) {
                throw new IOException("no PNG writer for the page image");
            }
            Path out = dir.resolve("out");
            List<String> cmd = new ArrayList<>(List.of(command, image.toString(), out.toString(), "--dpi", String.valueOf(dpi),
                    "-l", languages, "--psm", String.valueOf(options.psm())));
            if (photo) {
                // Sauvola's local threshold (Tesseract 5) instead of one global Otsu threshold: photographed
                // paper is lit unevenly. Not for fax and scanner pages, which it reads worse.
                cmd.addAll(List.of("-c", "thresholding_method=2"));
            }
            if (options.preserveInterwordSpaces()) {
                cmd.addAll(List.of("-c", "preserve_interword_spaces=1"));
            }
            if (options.whitelist() != null) {
                cmd.addAll(List.of("-c", "tessedit_char_whitelist=" + options.whitelist()));
            }
            cmd.add("tsv");
            run(cmd, timeout);
            List<String> tsv = Files.readAllLines(dir.resolve("out.tsv"), StandardCharsets.UTF_8);
            return fromTsv(tsv);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The page text built from Tesseract's TSV (words with boxes and confidences): words joined by a space, no
     * space between Chinese characters, two spaces where a line has a column gap (wider than two of its
     * characters), a blank line between paragraphs. Each line of the text has its {@link OcrLine}.
     */
    static Recognized fromTsv(List<String> tsv) {
        List<OcrLine> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String paragraph = null;
        String line = null;
        List<OcrLine.Word> words = new ArrayList<>();
        StringBuilder lineText = new StringBuilder();
        int lastRight = -1;
        int lineHeight = 0;
        double sum = 0;
        int count = 0;
        for (String row : tsv) {
            String[] c = row.split("\t", -1);
            if (c.length < 12 || !"5".equals(c[0]) || c[11].isBlank()) {
                continue;
            }
            double conf;
            int left;
            int top;
            int width;
            int height;
            try {
                conf = Double.parseDouble(c[10]);
                left = Integer.parseInt(c[6]);
                top = Integer.parseInt(c[7]);
                width = Integer.parseInt(c[8]);
                height = Integer.parseInt(c[9]);
            } catch (NumberFormatException e) {
                continue;
            }
            String word = c[11].strip();
            String par = c[1] + "/" + c[2] + "/" + c[3];
            String ln = par + "/" + c[4];
            if (!ln.equals(line)) {
                if (line != null) {
                    lines.add(new OcrLine(words));
                    text.append(lineText).append('\n');
                    if (!par.equals(paragraph)) {
                        lines.add(new OcrLine(List.of()));
                        text.append('\n');
                    }
                }
                words = new ArrayList<>();
                lineText = new StringBuilder();
                lastRight = -1;
                lineHeight = 0;
                line = ln;
                paragraph = par;
            }
            if (lastRight >= 0) {
                int gap = left - lastRight;
                char before = lineText.charAt(lineText.length() - 1);
                if (lineHeight > 0 && gap > 2 * lineHeight) {
                    lineText.append("  ");
                } else if (!(isCjk(before) && isCjk(word.charAt(0)))) {
                    lineText.append(' ');
                }
            }
            words.add(new OcrLine.Word(word, lineText.length(), conf, left, top, width, height));
            lineText.append(word);
            lastRight = left + width;
            lineHeight = Math.max(lineHeight, height);
            if (conf >= 0) {
                sum += conf;
                count++;
            }
        }
        if (line != null) {
            lines.add(new OcrLine(words));
            text.append(lineText);
        }
        String joined = text.toString();
        // strip() of the text must not shift the lines: the text ends at its last word, starts at its first.
        return new Recognized(joined, count == 0 ? 0 : sum / count, lines);
    }

    private static boolean isCjk(char ch) {
        Character.UnicodeBlock b = Character.UnicodeBlock.of(ch);
        return Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN
                || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** Mean confidence of the recognised words (TSV level 5 rows with text); 0 when there are none. */
    static double meanConfidence(List<String> tsv) {
        double sum = 0;
        int words = 0;
        for (String line : tsv) {
            String[] cols = line.split("\t", -1);
            if (cols.length < 12 || !"5".equals(cols[0])) {
                continue;
            }
            try {
                double conf = Double.parseDouble(cols[10]);
                if (conf >= 0 && !cols[11].isBlank()) {
                    sum += conf;
                    words++;
                }
            } catch (NumberFormatException ignored) {
                // header or damaged line
            }
        }
        return words == 0 ? 0 : sum / words;
    }

    /** Tesseract puts spaces between Chinese characters; staff (and search) read them joined. */
    static String tidy(String text) {
        String joined = CJK_GAP.matcher(text.replace("\f", "")).replaceAll("");
        List<String> lines = new ArrayList<>();
        for (String line : joined.split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines).replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String run(List<String> cmd, Duration timeout) throws IOException {
        // Console output goes to a file, so no pipe can fill up while the process is waited for.
        Path console = Files.createTempFile("hub-tesseract-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile());
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("tesseract did not finish within " + timeout.toMillis() / 1000.0
                            + " s (hub.ocr.page-timeout)");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for tesseract", e);
            }
            String text = Files.readString(console, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("tesseract exited with " + process.exitValue() + ": " + firstLine(text));
            }
            return text;
        } finally {
            Files.deleteIfExists(console);
        }
    }

    private static String firstLine(String s) {
        return s.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
