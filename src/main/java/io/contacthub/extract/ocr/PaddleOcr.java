package io.contacthub.extract.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR's PP-OCRv4 models (text detection, then recognition of each detected line) run in-process by ONNX
 * Runtime. Tesseract's Chinese model reads noisy standard-resolution faxes badly (labels of three characters read
 * as Latin letters lose their fields); PP-OCRv4 was trained on photographed and scanned Chinese documents and reads
 * the same pages far better. It returns what {@link Tesseract} returns — the page's text line by line, each word
 * with its box and confidence — so everything after OCR (form fields, the second reading, the crops staff see) is
 * unchanged.
 *
 * <p>Detection gives a probability map of "text here"; its connected regions above {@value #BOX_THRESHOLD} mean
 * probability are the text boxes (axis-parallel: pages are deskewed before). Each box is cut from the page, scaled
 * to the recogniser's height and read by CTC: the most likely character per time step, repeats and blanks
 * dropped, each character's probability kept as its confidence. Boxes on one row are joined into one line.
 */
public final class PaddleOcr implements AutoCloseable {

    public static final String DETECTION = "ch_PP-OCRv4_det_infer.onnx";
    public static final String RECOGNITION = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String DICTIONARY = "ppocr_keys_v1.txt";

    /**
     * Detection reads the page scaled to this longest side (an A4 page at 200 dpi is 2339 pixels high) and
     * recognition reads each box from the full page; measured on the fax benchmark, 960 finds the lines of 10.5-pt
     * text as well as 1600 does at under half the time.
     */
    public static final int DETECTION_SIDE = 960;
    /** The resolution pages are prepared at for this engine (docs/BENCHMARKS.md, "Fax accuracy"). */
    public static final int PAGE_DPI = 200;

    private static final float PIXEL_THRESHOLD = 0.3f;
    private static final float BOX_THRESHOLD = 0.6f;
    private static final double UNCLIP = 1.6;
    private static final int REC_HEIGHT = 48;
    private static final int MAX_REC_WIDTH = 1600;
    /** A page with more boxes than this is noise, not text: the rest are not read (bounded time per page). */
    private static final int MAX_BOXES = 600;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OrtEnvironment env;
    private final OrtSession detector;
    private final OrtSession recogniser;
    private final String[] characters;
    private final int detectionMaxSide;
    /** For each class, the first class of its look-alike group, or -1. */
    private final int[] lookAlike;

    /** Whether a directory holds the three files this engine needs. */
    public static boolean present(Path modelDir) {
        return modelDir != null && Files.isRegularFile(modelDir.resolve(DETECTION))
                && Files.isRegularFile(modelDir.resolve(RECOGNITION)) && Files.isRegularFile(modelDir.resolve(DICTIONARY));
    }

    /**
     * @param detectionMaxSide the page is scaled down to this longest side for detection (recognition reads the
     *                         boxes at full resolution)
     */
    public PaddleOcr(Path modelDir, int detectionMaxSide) throws IOException {
        this.detectionMaxSide = detectionMaxSide;
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // One thread per call: the OCR worker pool decides how many pages are read at once.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            detector = env.createSession(modelDir.resolve(DETECTION).toString(), options);
            recogniser = env.createSession(modelDir.resolve(RECOGNITION).toString(), options);
        } catch (OrtException e) {
            throw new IOException("cannot load the PaddleOCR models in " + modelDir + ": " + e.getMessage(), e);
        }
        List<String> keys = Files.readAllLines(modelDir.resolve(DICTIONARY), StandardCharsets.UTF_8);
        // index 0 is CTC's blank; the model's last class is the space
        characters = new String[keys.size() + 2];
        characters[0] = "";
        for (int i = 0; i < keys.size(); i++) {
            characters[i + 1] = keys.get(i);
        }
        characters[keys.size() + 1] = " ";
        lookAlike = new int[characters.length];
        java.util.Arrays.fill(lookAlike, -1);
        for (String group : LOOK_ALIKES) {
            int first = -1;
            for (int i = 0; i < characters.length; i++) {
                if (!characters[i].isEmpty() && group.contains(characters[i]) && characters[i].length() == 1) {
                    if (first < 0) {
                        first = i;
                    }
                    lookAlike[i] = first;
                }
            }
        }
    }

    /**
     * Characters a recogniser cannot tell apart by their shape alone. A character's confidence is the probability of
     * its group, not of the one member: that "SO" ends in an O and not a 0 is not the recogniser's to say but the
     * order-number pattern's, and a phone's digit is checked by its number's validity. Without this, the O of every
     * correctly read SO… order number made it doubtful.
     */
    private static final List<String> LOOK_ALIKES = List.of("O0oОＯ０", "Il1|丨");

    /** A text box in page pixels. */
    record Box(int x, int y, int width, int height) {
        int bottom() {
            return y + height;
        }

        int right() {
            return x + width;
        }
    }

    /** One box read: its characters with their probabilities and their x positions on the page. */
    record Read(Box box, String[] chars, float[] confidences, int[] xs, float[] exact) {
        /** The same reading at half the confidence. */
        Read doubted() {
            float[] halved = confidences.clone();
            float[] halvedExact = exact.clone();
            for (int i = 0; i < halved.length; i++) {
                halved[i] *= 0.5f;
                halvedExact[i] *= 0.5f;
            }
            return new Read(box, chars, halved, xs, halvedExact);
        }
    }

    /**
     * @param timeout the page is given up (an IOException saying so) when its boxes are not all read by then
     */
    public Tesseract.Recognized recognize(BufferedImage page, java.time.Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        BufferedImage gray = toGray(page);
        List<Box> boxes = detect(gray);
        byte[] ink = pixels(gray);
        boolean[] text = covered(boxes, gray.getWidth(), gray.getHeight());
        List<Read> reads = new ArrayList<>(boxes.size());
        for (Box box : boxes) {
            if (System.nanoTime() > deadline) {
                throw new IOException("not read within the page timeout of " + timeout.toMillis() + " ms (hub.ocr.page-timeout)");
            }
            Read read = read(gray, box);
            if (read.chars().length > 0) {
                boolean obstructed = crossed(ink, gray.getWidth(), gray.getHeight(), box)
                        || runsIntoInk(ink, text, gray.getWidth(), gray.getHeight(), box);
                reads.add(obstructed ? read.doubted() : read);
            }
        }
        return lines(reads);
    }

    /**
     * Whether strokes cross the empty bands just above and below a line of text inside its width — a seal or a
     * signature drawn over it. Under a seal the recogniser still reads something, often confidently, with letters
     * lost ("Alce" for "Alice Young"): such a line's words are doubted, so its fields go to a clerk. Table rules
     * are not strokes here: a row of the band that is mostly ink is a rule and is skipped.
     */
    static boolean crossed(byte[] ink, int width, int height, Box box) {
        int band = Math.max(3, box.height() / 3);
        int pad = box.height();
        int x0 = box.x() + pad;
        int x1 = box.right() - pad;
        if (x1 - x0 < box.height()) {
            return false;
        }
        int crossedBands = 0;
        for (int[] rows : new int[][] {{box.y() - band - 1, box.y() - 1}, {box.bottom() + 1, box.bottom() + band + 1}}) {
            int from = Math.max(0, rows[0]);
            int to = Math.min(height, rows[1]);
            if (to - from < 3) {
                continue;
            }
            // A row a seal's ring passes through has one or two short runs of ink; a row through the neighbouring
            // line's letters has many, a blank row none, a table rule one long one.
            int strokeRows = 0;
            int[] column = new int[x1 - x0];
            for (int y = from; y < to; y++) {
                int runs = 0;
                int longest = 0;
                int run = 0;
                for (int x = x0; x < x1; x++) {
                    boolean dark = (ink[y * width + x] & 0xff) < 128;
                    if (dark) {
                        column[x - x0]++;
                        if (run == 0) {
                            runs++;
                        }
                        run++;
                        longest = Math.max(longest, run);
                    } else {
                        run = 0;
                    }
                }
                if (runs >= 1 && runs <= 2 && longest <= box.height()) {
                    strokeRows++;
                }
            }
            int through = 0;
            for (int c : column) {
                through += c >= (to - from) * 0.8 ? 1 : 0;
            }
            if (strokeRows >= (to - from) * 0.8 && through > 0) {
                crossedBands++;
            }
        }
        return crossedBands >= 1;
    }

    /** The pixels inside some text box. */
    static boolean[] covered(List<Box> boxes, int width, int height) {
        boolean[] mask = new boolean[width * height];
        for (Box b : boxes) {
            for (int y = Math.max(0, b.y()); y < Math.min(height, b.bottom()); y++) {
                java.util.Arrays.fill(mask, y * width + Math.max(0, b.x()), y * width + Math.min(width, b.right()), true);
            }
        }
        return mask;
    }

    /**
     * Whether a line ends, or begins, against ink that is not text: a seal or a smudge over the rest of it. The
     * detector stops a line's box where its letters disappear under a seal, so the box itself is clean and the
     * recogniser reads its part confidently ("Summit Machi", "天津恒通实" for 天津恒通实业股份有限公司). Beside every
     * other box there is paper, speckle or a table's thin rule, which are left out.
     */
    static boolean runsIntoInk(byte[] ink, boolean[] text, int width, int height, Box box) {
        int h = box.height();
        int top = box.y() + h / 6;
        int bottom = box.bottom() - h / 6;
        if (bottom - top < 4) {
            return false;
        }
        for (int[] cols : new int[][] {{box.x() - h, box.x()}, {box.right(), box.right() + h}}) {
            int from = Math.max(0, cols[0]);
            int to = Math.min(width, cols[1]);
            if (to - from < h / 2) {
                continue;
            }
            int rows = Math.min(height, bottom) - Math.max(0, top);
            int dark = 0;
            int area = 0;
            int ruleRun = 0;
            int ruleDark = 0;
            for (int x = from; x < to; x++) {
                int column = 0;
                for (int y = Math.max(0, top); y < Math.min(height, bottom); y++) {
                    int i = y * width + x;
                    if (!text[i] && (ink[i] & 0xff) < 128) {
                        column++;
                    }
                }
                area += rows;
                // a table's vertical rule: a column or three dark from top to bottom, paper on both sides
                if (column >= rows * 0.8) {
                    ruleRun++;
                    ruleDark += column;
                    continue;
                }
                dark += column + (ruleRun > 3 ? ruleDark : 0);
                ruleRun = 0;
                ruleDark = 0;
            }
            dark += ruleRun > 3 ? ruleDark : 0;
            if (area > 0 && dark >= 0.15 * area) {
                return true;
            }
        }
        return false;
    }

    List<Box> detect(BufferedImage gray) throws IOException {
        double scale = Math.min(1.0, detectionMaxSide / (double) Math.max(gray.getWidth(), gray.getHeight()));
        int w = Math.max(32, (int) Math.round(gray.getWidth() * scale / 32) * 32);
        int h = Math.max(32, (int) Math.round(gray.getHeight() * scale / 32) * 32);
        BufferedImage small = resize(gray, w, h);
        byte[] pixels = pixels(small);
        FloatBuffer input = FloatBuffer.allocate(3 * w * h);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < w * h; i++) {
                input.put(((pixels[i] & 0xff) / 255f - MEAN[c]) / STD[c]);
            }
        }
        input.rewind();
        float[] map;
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {1, 3, h, w});
             OrtSession.Result result = detector.run(Map.of(detector.getInputNames().iterator().next(), tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            map = new float[buffer.remaining()];
            buffer.get(map);
        } catch (OrtException e) {
            throw new IOException("text detection failed: " + e.getMessage(), e);
        }
        double back = gray.getWidth() / (double) w;
        double backY = gray.getHeight() / (double) h;
        List<Box> boxes = new ArrayList<>();
        for (int[] region : regions(map, w, h)) {
            int x0 = region[0];
            int y0 = region[1];
            int x1 = region[2];
            int y1 = region[3];
            int bw = x1 - x0 + 1;
            int bh = y1 - y0 + 1;
            if (Math.min(bw, bh) < 3) {
                continue;
            }
            // The map marks a line's core; grow it back to the ink as PaddleOCR does (area × ratio / perimeter).
            double grow = bw * (double) bh * UNCLIP / (2.0 * (bw + bh));
            int gx0 = (int) Math.floor(Math.max(0, (x0 - grow) * back));
            int gy0 = (int) Math.floor(Math.max(0, (y0 - grow) * backY));
            int gx1 = (int) Math.ceil(Math.min(gray.getWidth(), (x1 + 1 + grow) * back));
            int gy1 = (int) Math.ceil(Math.min(gray.getHeight(), (y1 + 1 + grow) * backY));
            boxes.add(new Box(gx0, gy0, gx1 - gx0, gy1 - gy0));
            if (boxes.size() >= MAX_BOXES) {
                break;
            }
        }
        return boxes;
    }

    /** Connected regions of the thresholded map whose mean probability passes: {x0, y0, x1, y1}. */
    private static List<int[]> regions(float[] map, int w, int h) {
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<int[]> found = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < w * h; start++) {
            if (label[start] != 0 || map[start] <= PIXEL_THRESHOLD) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            double sum = 0;
            int count = 0;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                x0 = Math.min(x0, px);
                x1 = Math.max(x1, px);
                y0 = Math.min(y0, py);
                y1 = Math.max(y1, py);
                sum += map[p];
                count++;
                if (px > 0 && label[p - 1] == 0 && map[p - 1] > PIXEL_THRESHOLD) {
                    label[p - 1] = next;
                    stack[top++] = p - 1;
                }
                if (px < w - 1 && label[p + 1] == 0 && map[p + 1] > PIXEL_THRESHOLD) {
                    label[p + 1] = next;
                    stack[top++] = p + 1;
                }
                if (py > 0 && label[p - w] == 0 && map[p - w] > PIXEL_THRESHOLD) {
                    label[p - w] = next;
                    stack[top++] = p - w;
                }
                if (py < h - 1 && label[p + w] == 0 && map[p + w] > PIXEL_THRESHOLD) {
                    label[p + w] = next;
                    stack[top++] = p + w;
                }
            }
            if (count >= 6 && sum / count >= BOX_THRESHOLD) {
                found.add(new int[] {x0, y0, x1, y1});
            }
        }
        return found;
    }

    Read read(BufferedImage gray, Box box) throws IOException {
        int width = Math.max(REC_HEIGHT / 4, Math.min(MAX_REC_WIDTH,
                (int) Math.round(box.width() * (REC_HEIGHT / (double) box.height()))));
        BufferedImage crop = resize(gray.getSubimage(box.x(), box.y(), box.width(), box.height()), width, REC_HEIGHT);
        byte[] pixels = pixels(crop);
        FloatBuffer input = FloatBuffer.allocate(3 * width * REC_HEIGHT);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < width * REC_HEIGHT; i++) {
                input.put(((pixels[i] & 0xff) / 255f - 0.5f) / 0.5f);
            }
        }
        input.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {1, 3, REC_HEIGHT, width});
             OrtSession.Result result = recogniser.run(Map.of(recogniser.getInputNames().iterator().next(), tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            FloatBuffer probabilities = out.getFloatBuffer();
            return decode(box, probabilities, steps, classes, width);
        } catch (OrtException e) {
            throw new IOException("text recognition failed: " + e.getMessage(), e);
        }
    }

    private Read decode(Box box, FloatBuffer probabilities, int steps, int classes, int width) {
        List<String> chars = new ArrayList<>();
        List<Float> confidences = new ArrayList<>();
        List<Integer> xs = new ArrayList<>();
        int previous = 0;
        List<Float> exact = new ArrayList<>();
        float run = 0;
        float runOwn = 0;
        int runSteps = 0;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            float bestP = -1;
            for (int c = 0; c < classes; c++) {
                float p = probabilities.get(t * classes + c);
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            float own = bestP;
            if (best != 0 && lookAlike[best] >= 0) {
                float group = 0;
                for (int c = 0; c < classes; c++) {
                    if (c < lookAlike.length && lookAlike[c] == lookAlike[best]) {
                        group += probabilities.get(t * classes + c);
                    }
                }
                bestP = Math.min(1f, group);
            }
            if (best != 0 && best == previous) {
                run += bestP;
                runOwn += own;
                runSteps++;
                confidences.set(confidences.size() - 1, run / runSteps);
                exact.set(exact.size() - 1, runOwn / runSteps);
            } else if (best != 0) {
                chars.add(best < characters.length ? characters[best] : "");
                confidences.add(bestP);
                exact.add(own);
                xs.add(box.x() + (int) Math.round((t + 0.5) * width / steps * box.width() / (double) width));
                run = bestP;
                runOwn = own;
                runSteps = 1;
            }
            previous = best;
        }
        float[] conf = new float[confidences.size()];
        float[] own = new float[confidences.size()];
        int[] x = new int[xs.size()];
        for (int i = 0; i < conf.length; i++) {
            conf[i] = confidences.get(i);
            own[i] = exact.get(i);
            x[i] = xs.get(i);
        }
        return new Read(box, chars.toArray(String[]::new), conf, x, own);
    }

    /**
     * Boxes whose vertical middles overlap form one line, read left to right; words are runs of characters
     * without a space, a CJK character being a word of its own (as Tesseract reports them); the text puts no
     * space between CJK characters, one space between other words and two where a gap wider than two line
     * heights separates boxes (columns of a form).
     */
    private static Tesseract.Recognized lines(List<Read> reads) {
        List<Read> sorted = new ArrayList<>(reads);
        sorted.sort(Comparator.comparingDouble(r -> r.box().y() + r.box().height() / 2.0));
        List<List<Read>> rows = new ArrayList<>();
        for (Read read : sorted) {
            List<Read> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row != null && sameRow(row, read.box())) {
                row.add(read);
            } else {
                List<Read> fresh = new ArrayList<>();
                fresh.add(read);
                rows.add(fresh);
            }
        }
        StringBuilder text = new StringBuilder();
        List<OcrLine> lines = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (List<Read> row : rows) {
            row.sort(Comparator.comparingInt(r -> r.box().x()));
            StringBuilder line = new StringBuilder();
            List<OcrLine.Word> words = new ArrayList<>();
            int lastRight = -1;
            int height = row.stream().mapToInt(r -> r.box().height()).max().orElse(0);
            for (Read read : row) {
                if (lastRight >= 0 && !line.isEmpty()) {
                    line.append(read.box().x() - lastRight > 2 * height ? "  " : " ");
                }
                int i = 0;
                while (i < read.chars().length) {
                    String c = read.chars()[i];
                    if (c.isBlank()) {
                        if (!line.isEmpty() && line.charAt(line.length() - 1) != ' ') {
                            line.append(' ');
                        }
                        i++;
                        continue;
                    }
                    int from = i;
                    boolean cjk = isCjk(c);
                    i++;
                    while (!cjk && i < read.chars().length && !read.chars()[i].isBlank() && !isCjk(read.chars()[i])) {
                        i++;
                    }
                    if (i - from == 1 && NOISE.contains(c) && cjkAround(read.chars(), from)) {
                        continue; // a speck or a rule's stub read as a bracket between Chinese characters
                    }
                    StringBuilder word = new StringBuilder();
                    float conf = 1;
                    float exactConf = 1;
                    for (int k = from; k < i; k++) {
                        word.append(read.chars()[k]);
                        conf = Math.min(conf, read.confidences()[k]);
                        exactConf = Math.min(exactConf, read.exact()[k]);
                    }
                    if (!line.isEmpty() && line.charAt(line.length() - 1) != ' ' && !(cjk && endsCjk(line))) {
                        line.append(' ');
                    }
                    int x0 = from == 0 ? read.box().x() : (read.xs()[from - 1] + read.xs()[from]) / 2;
                    int x1 = i >= read.chars().length ? read.box().right() : (read.xs()[i - 1] + read.xs()[i]) / 2;
                    double confidence = Math.round(conf * 1000) / 10.0;
                    words.add(new OcrLine.Word(word.toString(), line.length(), confidence, x0, read.box().y(),
                            Math.max(1, x1 - x0), read.box().height(), Math.round(exactConf * 1000) / 10.0));
                    line.append(word);
                    sum += confidence;
                    count++;
                }
                lastRight = read.box().right();
            }
            String lineText = line.toString().stripTrailing();
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(lineText);
            lines.add(new OcrLine(words));
        }
        return new Tesseract.Recognized(text.toString(), count == 0 ? 0 : sum / count, lines);
    }

    /** Glyphs that line noise and table-rule stubs are read as; never part of Chinese text. */
    private static final java.util.Set<String> NOISE = java.util.Set.of("|", "[", "]", "丨", "｜", "【", "】", "!", "！");

    /** Whether the nearest non-blank characters on both sides of {@code at} in one box are CJK. */
    private static boolean cjkAround(String[] chars, int at) {
        int before = at - 1;
        while (before >= 0 && chars[before].isBlank()) {
            before--;
        }
        int after = at + 1;
        while (after < chars.length && chars[after].isBlank()) {
            after++;
        }
        return before >= 0 && after < chars.length && isCjk(chars[before]) && isCjk(chars[after]);
    }

    private static boolean sameRow(List<Read> row, Box box) {
        for (Read r : row) {
            int overlap = Math.min(r.box().bottom(), box.bottom()) - Math.max(r.box().y(), box.y());
            if (overlap > 0.5 * Math.min(r.box().height(), box.height())) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsCjk(StringBuilder line) {
        return !line.isEmpty() && isCjk(String.valueOf(line.charAt(line.length() - 1)));
    }

    private static boolean isCjk(String c) {
        if (c.isEmpty()) {
            return false;
        }
        int ch = c.codePointAt(0);
        Character.UnicodeBlock b = Character.UnicodeBlock.of(ch);
        return Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN
                || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    private static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = gray.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }

    private static BufferedImage resize(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] pixels(BufferedImage gray) {
        byte[] out = new byte[gray.getWidth() * gray.getHeight()];
        gray.getRaster().getDataElements(0, 0, gray.getWidth(), gray.getHeight(), out);
        return out;
    }

    @Override
    public void close() {
        try {
            detector.close();
            recogniser.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing to do about it
        }
    }
}
