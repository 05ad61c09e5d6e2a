package io.contacthub.testsupport;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Faxes and scans made by the tests: known Chinese and English text rendered with a CJK font
 * (Noto Sans CJK, from the OS package fonts-noto-cjk) into 1-bit fax pages at fax resolutions
 * (204×196 "fine", 204×98 "normal": pixels twice as tall as wide), with a little skew and speckle
 * noise, written as multi-page CCITT G4 TIFFs by the JDK's TIFF writer, or placed as images on
 * PDF pages (a scan without a text layer). Plus the broken kinds: corrupt TIFF, encrypted PDF,
 * a 500-page bomb, and documents with text (text-layer PDF, DOCX, XLSX).
 */
public final class FaxFixtures {

    /** A fax page's width in pixels at 204 dpi (ITU-T T.4: 1728 pels). */
    public static final int FAX_WIDTH = 1728;
    public static final String CJK_FONT = "Noto Sans CJK SC";

    public static final List<String> CONSIGNMENT_NOTE_ZH = List.of(
            "货物托运单",
            "客户名称：上海华东物流有限公司",
            "联系人：张伟",
            "联系电话：13912345678",
            "取件地址：上海市浦东新区张江路100号",
            "收货地址：北京市朝阳区建国路88号",
            "货物名称：电子配件",
            "件数：12",
            "重量：350公斤",
            "取件日期：2026年11月25日",
            "运单号：SF1234567890123");

    public static final List<String> ORDER_FORM_EN = List.of(
            "TRANSPORT ORDER FORM",
            "Company Name: Harbour Freight Ltd",
            "Contact Person: Mary Chen",
            "Phone: +852 2345 6789",
            "Pickup Address: 12 Kwai Chung Road, Hong Kong",
            "Delivery Address: 88 Century Avenue, Shanghai",
            "Goods Description: Spare parts for printers",
            "Pieces: 8",
            "Gross Weight: 120 kg",
            "Requested Date: 2026-12-01",
            "Order No: SO2026112301");

    public static final List<String> COMPLAINT_LETTER_ZH = List.of(
            "投诉信",
            "客户名称：深圳南山贸易公司",
            "联系人：李娜",
            "电话：0755-86001234",
            "运单号：YT1234567890123",
            "我司寄出的货物到达时外包装破损，",
            "部分货物损坏，请尽快处理并赔偿。");

    private FaxFixtures() {
    }

    /**
     * One fax page: the lines drawn at {@code pointSize} in a page {@code heightInches} tall, at
     * {@code xdpi}×{@code ydpi}, rotated by {@code skewDegrees}, with {@code noise} of the pixels flipped.
     */
    public static BufferedImage faxPage(List<String> lines, int xdpi, int ydpi, double heightInches, float pointSize,
                                        double skewDegrees, double noise, long seed) {
        int width = FAX_WIDTH;
        int height = (int) Math.round(heightInches * ydpi);
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Draw in a square-pixel space at xdpi, squeezed vertically to ydpi: a "normal" fax's tall pixels.
            g.scale(1.0, ydpi / (double) xdpi);
            g.rotate(Math.toRadians(skewDegrees), width / 2.0, height / 2.0);
            Font font = cjkFont().deriveFont(pointSize * xdpi / 72f);
            g.setFont(font);
            g.setColor(Color.BLACK);
            int lineHeight = Math.round(font.getSize2D() * 1.6f);
            int y = (int) (0.5 * xdpi) + lineHeight;
            for (String line : lines) {
                g.drawString(line, (int) (0.6 * xdpi), y);
                y += lineHeight;
            }
        } finally {
            g.dispose();
        }
        BufferedImage binary = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Random random = new Random(seed);
        var raster = grey.getRaster();
        var out = binary.getRaster();
        for (int yy = 0; yy < height; yy++) {
            for (int xx = 0; xx < width; xx++) {
                int black = raster.getSample(xx, yy, 0) < 128 ? 1 : 0;
                if (noise > 0 && random.nextDouble() < noise) {
                    black = 1 - black;
                }
                out.setSample(xx, yy, 0, 1 - black);
            }
        }
        return binary;
    }

    /** A fine-resolution (204×196 dpi) half page with 0.6° skew and light speckle, the usual test fax. */
    public static BufferedImage finePage(List<String> lines, long seed) {
        return faxPage(lines, 204, 196, 5.5, 12, 0.6, 0.002, seed);
    }

    /** The CJK font the pages are drawn with; fails clearly when fonts-noto-cjk is not installed. */
    public static Font cjkFont() {
        Font font = new Font(CJK_FONT, Font.PLAIN, 12);
        if (font.canDisplayUpTo("托运单联系人") != -1) {
            throw new IllegalStateException("no CJK font '" + CJK_FONT + "': install the OS package fonts-noto-cjk");
        }
        return font;
    }

    /** Pages as one multi-page CCITT T.6 (G4) TIFF with the given X/Y resolution, as fax servers store them. */
    public static byte[] g4Tiff(List<BufferedImage> pages, int xdpi, int ydpi) {
        ImageWriter writer = jdkTiffWriter();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(page), param);
                TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
                BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
                dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                        new long[][] {{xdpi, 1}}));
                dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                        new long[][] {{ydpi, 1}}));
                dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1,
                        new char[] {(char) BaselineTIFFTagSet.RESOLUTION_UNIT_INCH}));
                writer.writeToSequence(new IIOImage(page, null, dir.getAsMetadata()), param);
            }
            writer.endWriteSequence();
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
    }

    /** The JDK's TIFF writer (Tika's jai-imageio registers another one, with other metadata classes). */
    private static ImageWriter jdkTiffWriter() {
        var writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer is missing");
    }

    /** A scan: each image on its own A4 page, no text layer. */
    public static byte[] scannedPdf(List<BufferedImage> pages) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage image : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                var xobject = LosslessFactory.createFromImage(pdf, image);
                float w = PDRectangle.A4.getWidth();
                float h = w * image.getHeight() / image.getWidth();
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(xobject, 0, PDRectangle.A4.getHeight() - h, w, h);
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF protected by a user password (it cannot be opened without it). */
    public static byte[] encryptedPdf() {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small file with very many (blank) pages: must be refused by the page limit before any OCR. */
    public static byte[] pageBombPdf(int pages) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                pdf.addPage(new PDPage(PDRectangle.A4));
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multi-page G4 TIFF of tiny blank pages. */
    public static byte[] pageBombTiff(int pages) {
        BufferedImage blank = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        return g4Tiff(java.util.Collections.nCopies(pages, blank), 204, 196);
    }

    /** A TIFF header followed by garbage: what a fax server leaves after a broken transmission. */
    public static byte[] corruptTiff() {
        byte[] valid = g4Tiff(List.of(faxPage(List.of("broken"), 204, 196, 1, 12, 0, 0, 1)), 204, 196);
        byte[] broken = new byte[Math.min(valid.length, 64)];
        System.arraycopy(valid, 0, broken, 0, 8); // "II*\0" + first IFD offset, pointing into garbage
        for (int i = 8; i < broken.length; i++) {
            broken[i] = (byte) (i * 37);
        }
        return broken;
    }

    public static byte[] docx(String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] xlsx(String[][] rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("Order");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Character error rate: edit distance between the recognised and the expected text divided by the
     * expected length, both NFKC-normalized (a full-width colon reads as a colon) and with all whitespace
     * removed (OCR spacing is not what staff care about).
     */
    public static double characterErrorRate(String expected, String actual) {
        String a = java.text.Normalizer.normalize(expected, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
        String b = actual == null ? "" : java.text.Normalizer.normalize(actual, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
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
        return a.isEmpty() ? 0 : prev[b.length()] / (double) a.length();
    }
}
