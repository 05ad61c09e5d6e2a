package io.contacthub.testsupport;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * What customers photograph: a delivery note or waybill label rendered from known text with Noto
 * Sans CJK on uneven "paper" (a light gradient, as under a lamp), turned a little as a hand-held
 * phone does, with sensor grain and specks. Kept small (under 1000 pixels wide) so mails stay under
 * the test hub's message size limit and OCR stays quick.
 */
public final class PhotoFixtures {

    private PhotoFixtures() {
    }

    /**
     * @param grain   ± grey levels of noise on every pixel (JPEG takes it well; keep 0 for small PNGs)
     * @param specks  fraction of pixels turned into dark specks
     */
    public static BufferedImage photo(List<String> lines, float pixelSize, double rotateDegrees, int grain, double specks, long seed) {
        Font font = FaxFixtures.cjkFont().deriveFont(pixelSize);
        int lineHeight = Math.round(pixelSize * 1.6f);
        int width = 960;
        int height = lineHeight * (lines.size() + 2);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(236, 232, 222), width, height, new Color(200, 196, 188)));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.rotate(Math.toRadians(rotateDegrees), width / 2.0, height / 2.0);
            g.setFont(font);
            g.setColor(new Color(40, 38, 45));
            int y = lineHeight + lineHeight / 2;
            for (String line : lines) {
                g.drawString(line, 40, y);
                y += lineHeight;
            }
        } finally {
            g.dispose();
        }
        Random random = new Random(seed);
        for (int yy = 0; yy < height; yy++) {
            for (int xx = 0; xx < width; xx++) {
                if (specks > 0 && random.nextDouble() < specks) {
                    image.setRGB(xx, yy, 0x505050);
                } else if (grain > 0) {
                    int rgb = image.getRGB(xx, yy);
                    int d = random.nextInt(2 * grain + 1) - grain;
                    image.setRGB(xx, yy, (clamp(((rgb >> 16) & 0xff) + d) << 16) | (clamp(((rgb >> 8) & 0xff) + d) << 8)
                            | clamp((rgb & 0xff) + d));
                }
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A company logo as mail signatures carry it: a small coloured block with a word in it. */
    public static byte[] logo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0, 90, 160));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.setFont(FaxFixtures.cjkFont().deriveFont(height * 0.5f));
            g.drawString("ACME", 8, height * 0.7f);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** A PNG that breaks off after its header and first bytes, as a failed upload leaves it. */
    public static byte[] truncatedPng(byte[] png) {
        byte[] cut = new byte[Math.min(png.length, 120)];
        System.arraycopy(png, 0, cut, 0, cut.length);
        return cut;
    }

    private static byte[] write(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
