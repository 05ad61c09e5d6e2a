package io.contacthub.extract.ocr;

import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/**
 * The image steps before Tesseract for fax and scanner pages ({@link OcrTuning}), each a plain function of
 * its input so a page prepared twice is the same image (staff see a field's region cut from it):
 * despeckling the 1-bit page, scaling to the OCR resolution with interpolation (a 204 × 98 dpi fax has
 * pixels twice as tall as wide), deskewing and erasing table rules.
 */
final class PageImages {

    private static final int GAP = 4;
    private static final int EDGE = 2;

    private PageImages() {
    }

    /** 8-bit grey copy of {@code pixels} values 0..255, row-major. */
    private static int[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            image.getRaster().getSamples(0, 0, w, h, 0, out);
            return out;
        }
        BufferedImage g = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var gr = g.createGraphics();
        gr.drawImage(image, 0, 0, null);
        gr.dispose();
        g.getRaster().getSamples(0, 0, w, h, 0, out);
        return out;
    }

    private static BufferedImage image(int[] grey, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        out.getRaster().setSamples(0, 0, w, h, 0, grey);
        return out;
    }

    /**
     * Fax-line speckle: {@code isolated} clears black dots with no black neighbour and fills white pin-holes
     * with at most one white neighbour; {@code median} is a 3×3 median. On the page as received (before scaling).
     */
    static BufferedImage despeckle(BufferedImage page, String mode) {
        if ("none".equals(mode)) {
            return page;
        }
        if ("isolated".equals(mode)) {
            return smallSpotsRemoved(page, 3);
        }
        int w = page.getWidth();
        int h = page.getHeight();
        int[] g = grey(page);
        boolean[] black = new boolean[w * h];
        for (int i = 0; i < g.length; i++) {
            black[i] = g[i] < 128;
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = 0;
                int cells = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w || (dx == 0 && dy == 0)) {
                            continue;
                        }
                        cells++;
                        if (black[yy * w + xx]) {
                            n++;
                        }
                    }
                }
                boolean b = black[y * w + x];
                boolean result;
                if ("median".equals(mode)) {
                    result = (n + (b ? 1 : 0)) * 2 > cells + 1;
                } else {
                    result = b ? n > 0 : n >= cells - 1 && cells == 8;
                }
                out[y * w + x] = result ? 0 : 255;
            }
        }
        return image(out, w, h);
    }

    /**
     * Black spots of at most {@code maxPixels} pixels (8-connected) made white, and white holes of at most that size
     * inside black made black: the salt and pepper of a noisy fax line. A full stop or the dot of an i is larger at
     * fax resolution than the line's single flipped pixels and their pairs.
     */
    static BufferedImage smallSpotsRemoved(BufferedImage page, int maxPixels) {
        int w = page.getWidth();
        int h = page.getHeight();
        int[] g = grey(page);
        boolean[] black = new boolean[w * h];
        for (int i = 0; i < g.length; i++) {
            black[i] = g[i] < 128;
        }
        boolean[] out = black.clone();
        flipSmall(black, out, w, h, maxPixels, true);
        flipSmall(black, out, w, h, maxPixels, false);
        int[] pixels = new int[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = out[i] ? 0 : 255;
        }
        return image(pixels, w, h);
    }

    private static void flipSmall(boolean[] in, boolean[] out, int w, int h, int maxPixels, boolean colour) {
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        int[] members = new int[maxPixels + 1];
        for (int start = 0; start < in.length; start++) {
            if (seen[start] || in[start] != colour) {
                continue;
            }
            int top = 0;
            int size = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                if (size <= maxPixels) {
                    members[Math.min(size, maxPixels)] = p;
                }
                size++;
                int x = p % w;
                int y = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) {
                            continue;
                        }
                        int q = yy * w + xx;
                        if (!seen[q] && in[q] == colour) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (size <= maxPixels) {
                for (int i = 0; i < size; i++) {
                    out[members[i]] = !colour;
                }
            }
        }
    }

    /** The run and the rows next to it: a slightly slanted rule steps from row to row, leaving short edge runs. */
    private static void eraseRow(boolean[] erase, int w, int h, int y, int from, int to) {
        for (int yy = Math.max(0, y - EDGE); yy <= Math.min(h - 1, y + EDGE); yy++) {
            for (int k = from; k <= to; k++) {
                erase[yy * w + k] = true;
            }
        }
    }

    private static void eraseColumn(boolean[] erase, int w, int x, int from, int to) {
        for (int xx = Math.max(0, x - EDGE); xx <= Math.min(w - 1, x + EDGE); xx++) {
            for (int k = from; k <= to; k++) {
                erase[k * w + xx] = true;
            }
        }
    }

    /** Grey page scaled by sx × sy with bilinear or bicubic interpolation. */
    static BufferedImage scale(BufferedImage page, int width, int height, String interpolation) {
        BufferedImage grey = page.getType() == BufferedImage.TYPE_BYTE_GRAY ? page : image(grey(page), page.getWidth(), page.getHeight());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, "bicubic".equals(interpolation)
                    ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(grey, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The page's skew in degrees (−5..5): the angle at which the rows of dark pixels, projected, vary most
     * (text lines and table rules line up), searched coarse then fine on a reduced copy.
     */
    static double skew(BufferedImage page) {
        int w = page.getWidth();
        int h = page.getHeight();
        int step = Math.max(1, Math.min(w, h) / 800);
        int[] g = grey(page);
        // dark points of a reduced copy
        int count = 0;
        int[] xs = new int[(w / step + 1) * (h / step + 1)];
        int[] ys = new int[xs.length];
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                if (g[y * w + x] < 128) {
                    xs[count] = x;
                    ys[count] = y;
                    count++;
                }
            }
        }
        if (count < 200) {
            return 0;
        }
        double best = 0;
        double bestScore = -1;
        for (double a = -5; a <= 5.0001; a += 0.5) {
            double s = profileScore(xs, ys, count, a, h, step);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        double centre = best;
        for (double a = centre - 0.5; a <= centre + 0.5001; a += 0.1) {
            double s = profileScore(xs, ys, count, a, h, step);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return Math.round(best * 10) / 10.0;
    }

    private static double profileScore(int[] xs, int[] ys, int count, double degrees, int h, int step) {
        double t = Math.tan(Math.toRadians(degrees));
        int bins = h / step + 2 * (int) (Math.abs(t) * 10000 / step) + 4;
        int offset = bins / 2 - h / step / 2;
        long[] rows = new long[bins];
        for (int i = 0; i < count; i++) {
            int r = (int) Math.floor((ys[i] - xs[i] * t) / step) + offset;
            if (r >= 0 && r < bins) {
                rows[r]++;
            }
        }
        double sum = 0;
        for (int i = 1; i < bins; i++) {
            double d = rows[i] - rows[i - 1];
            sum += d * d;
        }
        return sum;
    }

    /** Turned by {@code -degrees} about the centre, white where the corners come in. */
    static BufferedImage rotate(BufferedImage page, double degrees) {
        if (Math.abs(degrees) < 0.05) {
            return page;
        }
        int w = page.getWidth();
        int h = page.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            AffineTransform t = AffineTransform.getRotateInstance(Math.toRadians(-degrees), w / 2.0, h / 2.0);
            g.drawImage(page, new AffineTransformOp(t, AffineTransformOp.TYPE_BILINEAR), 0, 0);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Table rules erased: horizontal and vertical runs of dark pixels longer than {@code minRun} are painted white
     * (characters' strokes are shorter than that at OCR resolution); the page is thresholded at mid grey.
     */
    static BufferedImage removeLines(BufferedImage page, int minRun) {
        int w = page.getWidth();
        int h = page.getHeight();
        int[] g = grey(page);
        boolean[] black = new boolean[w * h];
        for (int i = 0; i < g.length; i++) {
            black[i] = g[i] < 128;
        }
        boolean[] erase = new boolean[w * h];
        // A rule on a noisy line has white gaps of a pixel or two: a run goes on over gaps of up to GAP pixels.
        for (int y = 0; y < h; y++) {
            int start = -1;
            int last = -1;
            for (int x = 0; x <= w; x++) {
                boolean b = x < w && black[y * w + x];
                if (b) {
                    if (start < 0 || x - last > GAP) {
                        if (start >= 0 && last - start + 1 >= minRun) {
                            eraseRow(erase, w, h, y, start, last);
                        }
                        start = x;
                    }
                    last = x;
                } else if (x == w && start >= 0 && last - start + 1 >= minRun) {
                    eraseRow(erase, w, h, y, start, last);
                }
            }
        }
        for (int x = 0; x < w; x++) {
            int start = -1;
            int last = -1;
            for (int y = 0; y <= h; y++) {
                boolean b = y < h && black[y * w + x];
                if (b) {
                    if (start < 0 || y - last > GAP) {
                        if (start >= 0 && last - start + 1 >= minRun) {
                            eraseColumn(erase, w, x, start, last);
                        }
                        start = y;
                    }
                    last = y;
                } else if (y == h && start >= 0 && last - start + 1 >= minRun) {
                    eraseColumn(erase, w, x, start, last);
                }
            }
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = black[i] && !erase[i] ? 0 : 255;
        }
        return image(out, w, h);
    }
}
