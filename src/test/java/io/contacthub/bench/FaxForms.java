package io.contacthub.bench;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Fax pages with known contents, made like the forms a distribution centre receives: Chinese and
 * English consignment notes and order forms (label/value tables with thin rules, or "label: value"
 * lines), complaint letters whose numbers sit in running text ("我的运单号是 SF…"), and mixed pages
 * (Chinese labels, English values). Printed at 10–12 pt in Noto Sans CJK (Hei) or Noto Serif CJK
 * (Song) from the OS package fonts-noto-cjk, then sent "down a fax line": sampled at 204 × 196 or
 * 204 × 98 dpi (pixels twice as tall as wide), skewed up to ±3°, blurred a little, thresholded to
 * 1 bit, with 0.5–1 % salt-and-pepper noise, sometimes a stamp over a field, and stored as a
 * G3 (T.4) or G4 (T.6) TIFF.
 *
 * <p>Everything comes from one seed, so a page is the same page on every run.
 */
public final class FaxForms {

    /** ITU-T T.4 page width in pels at 204 dpi. */
    static final int WIDTH = 1728;
    /** Drawing space: square pixels at 204 dpi. */
    private static final double XDPI = 204;
    private static final double PAGE_INCHES = 11.0;

    public enum Kind { CONSIGNMENT_ZH, ORDER_EN, COMPLAINT_ZH, COMPLAINT_EN, MIXED }

    /** How a page is degraded. */
    public record Degradation(int ydpi, double maxSkewDegrees, double minNoise, double maxNoise, boolean blur,
                              double stampShare) {
        public static Degradation fax(int ydpi) {
            return new Degradation(ydpi, 3.0, 0.005, 0.01, true, 0.2);
        }
    }

    /**
     * One generated page.
     *
     * @param fields   field name → the value as the hub should deliver it (phones as printed digits, ISO dates,
     *                 "12.5 kg", codes upper-case, text as printed)
     * @param text     every printed line, for the character error rate
     * @param stamped  the field a stamp was put over, or null
     */
    public record Page(int index, Kind kind, String language, int ydpi, String compression, double skew, double noise,
                       String font, Map<String, String> fields, List<String> text, String stamped, byte[] tiff,
                       BufferedImage image) {
    }

    private FaxForms() {
    }

    /** Page {@code index} of the series of {@code seed}: the same page every time. */
    public static Page page(long seed, int index, Degradation degradation) {
        Random r = new Random(seed * 1_000_003L + index);
        Kind kind = Kind.values()[index % Kind.values().length];
        Content content = content(kind, r);
        boolean serif = r.nextBoolean();
        String fontName = serif ? "Noto Serif CJK SC" : "Noto Sans CJK SC";
        float points = 10.5f + r.nextInt(4) * 0.5f; // 10.5 .. 12 pt
        double skew = (r.nextDouble() * 2 - 1) * degradation.maxSkewDegrees();
        double noise = degradation.minNoise() + r.nextDouble() * (degradation.maxNoise() - degradation.minNoise());
        String stamped = r.nextDouble() < degradation.stampShare() && !content.stampable.isEmpty()
                ? content.stampable.get(r.nextInt(content.stampable.size())) : null;
        // Scanned at fine resolution (196 lines per inch); a standard-resolution (98) fax keeps every other line
        // as fax machines make it, with thin-line preservation: the darker of each pair of scan lines weighs most,
        // so a Song character's 1-pixel horizontal stroke is kept (a plain average would drop it below the threshold).
        BufferedImage grey = render(content, fontName, points, skew, 196, stamped, r);
        if (degradation.blur()) {
            grey = blur(grey);
        }
        if (degradation.ydpi() < 196) {
            grey = halfHeight(grey);
        }
        // a fax scanner's threshold keeps thin strokes (Song style's horizontals are ~1 px at 204 dpi)
        BufferedImage binary = binarize(grey, 150 + r.nextInt(40), noise, r);
        String compression = r.nextBoolean() ? "CCITT T.6" : "CCITT T.4";
        byte[] tiff = tiff(binary, (int) XDPI, degradation.ydpi(), compression);
        return new Page(index, kind, content.language, degradation.ydpi(), compression.equals("CCITT T.6") ? "G4" : "G3",
                skew, noise, fontName + " " + points + "pt", content.fields, content.lines(), stamped, tiff, binary);
    }

    // ---------------------------------------------------------------------------------------------- contents

    /** What is printed: rows of (label, value) cells or free lines; the truth of each key field. */
    private static final class Content {
        String language;
        String title;
        boolean table;
        final List<List<String[]>> rows = new ArrayList<>(); // a row: one or two {label, value, field} cells
        final List<String> prose = new ArrayList<>();
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<String> stampable = new ArrayList<>();
        final Map<String, String> printed = new LinkedHashMap<>(); // field → printed value text (to place a stamp)

        void row(String... cells) {
            List<String[]> row = new ArrayList<>();
            for (int i = 0; i < cells.length; i += 3) {
                row.add(new String[] {cells[i], cells[i + 1], cells[i + 2]});
                if (cells[i + 2] != null) {
                    printed.put(cells[i + 2], cells[i + 1]);
                }
            }
            rows.add(row);
        }

        List<String> lines() {
            List<String> all = new ArrayList<>();
            all.add(title);
            for (List<String[]> row : rows) {
                StringBuilder line = new StringBuilder();
                for (String[] cell : row) {
                    line.append(cell[0]).append(table ? " " : "：").append(cell[1]).append("  ");
                }
                all.add(line.toString().strip());
            }
            all.addAll(prose);
            return all;
        }
    }

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东", "丽华", "国庆"};
    private static final String[] CITIES = {"上海市", "北京市", "广州市", "深圳市", "杭州市", "南京市", "苏州市", "成都市", "武汉市", "天津市"};
    private static final String[] DISTRICTS = {"浦东新区", "朝阳区", "天河区", "南山区", "西湖区", "鼓楼区", "工业园区", "武侯区", "江汉区", "滨海新区"};
    private static final String[] ROADS = {"张江路", "建国路", "中山大道", "科技园路", "文一西路", "汉中路", "星湖街", "人民南路", "解放大道", "黄海路"};
    private static final String[] FIRMS = {"华东物流", "南山贸易", "宏达电子", "恒通实业", "远航供应链", "金桥五金", "新世纪服装", "顺达机械", "东方医疗器械", "联合食品"};
    private static final String[] FIRM_TYPES = {"有限公司", "股份有限公司", "贸易有限公司"};
    private static final String[] GOODS_ZH = {"电子配件", "服装", "五金工具", "办公用品", "医疗器械", "食品罐头", "汽车配件", "家用电器"};
    private static final String[] FIRST = {"Mary", "John", "David", "Linda", "Peter", "Susan", "Kevin", "Grace", "Henry", "Alice", "Tom", "Emily"};
    private static final String[] LAST = {"Chen", "Wong", "Smith", "Lee", "Brown", "Taylor", "Lam", "Miller", "Clark", "Ho", "Walker", "Young"};
    private static final String[] EN_FIRMS = {"Harbour Freight", "Pacific Trading", "Golden Bridge Tools", "Northstar Electronics",
            "Blue Ocean Foods", "Eastline Garments", "Summit Machinery", "Riverside Medical"};
    private static final String[] EN_FIRM_TYPES = {"Ltd", "Co. Ltd", "Limited", "Inc"};
    private static final String[] STREETS = {"Kwai Chung Road", "Century Avenue", "Nathan Road", "Queens Road", "Harbour Road",
            "Canton Road", "Garden Street", "Market Street"};
    private static final String[] EN_CITIES = {"Hong Kong", "Shanghai", "Shenzhen", "Guangzhou", "Singapore", "Kowloon"};
    private static final String[] GOODS_EN = {"Spare parts for printers", "Cotton shirts", "Hand tools", "Office supplies",
            "Medical devices", "Canned food", "Car parts", "Kitchen appliances"};
    private static final String[] MAIL_HOSTS = {"qq.com", "163.com", "126.com", "sina.com", "example.cn", "freight.com.hk"};
    private static final String[] PINYIN = {"zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu", "lin", "guo"};

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    /** A Chinese mobile (printed as 11 digits or grouped 3-4-4) or a landline with its area code. */
    private static String[] phone(Random r) {
        int style = r.nextInt(4);
        String drawn = "1" + "3589".charAt(r.nextInt(4)) + digits(r, 9);
        // 154 and 194 are not allocated (libphonenumber): a customer's number is a real one, so those become 155 and 195
        // (no further draw, so every other page stays as it was)
        String mobile = drawn.startsWith("154") || drawn.startsWith("194") ? drawn.substring(0, 2) + "5" + drawn.substring(3) : drawn;
        return switch (style) {
            case 0 -> new String[] {mobile, mobile};
            case 1 -> new String[] {mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7), mobile};
            case 2 -> {
                String area = new String[] {"021", "010", "020", "0755", "0571", "025"}[r.nextInt(6)];
                String local = (char) ('2' + r.nextInt(7)) + digits(r, 7);
                yield new String[] {area + "-" + local, area + local};
            }
            default -> new String[] {"+86 " + mobile, "+86" + mobile};
        };
    }

    private static String email(Random r) {
        return pick(r, PINYIN) + (r.nextBoolean() ? "." + pick(r, PINYIN) : "") + digits(r, 1 + r.nextInt(3)) + "@" + pick(r, MAIL_HOSTS);
    }

    /** A waybill number of a common carrier, in its public format (S10 check digit for EMS). */
    static String waybill(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "SF" + digits(r, 13);
            case 1 -> "YT" + digits(r, 13);
            case 2 -> "7" + "3568".charAt(r.nextInt(4)) + digits(r, 10);
            case 3 -> "77" + digits(r, 11);
            case 4 -> "4" + "36".charAt(r.nextInt(2)) + digits(r, 11);
            case 5 -> "JDV" + (char) ('A' + r.nextInt(26)) + digits(r, 11);
            case 6 -> {
                String serial = digits(r, 8);
                yield "E" + (char) ('A' + r.nextInt(26)) + serial + s10(serial) + "CN";
            }
            case 7 -> "55" + digits(r, 11);
            default -> "DPK" + digits(r, 12);
        };
    }

    /** UPU S10 check digit of an 8-digit serial. */
    static int s10(String serial) {
        int[] w = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * w[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 0 : c == 11 ? 5 : c;
    }

    private static LocalDate date(Random r) {
        return LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365));
    }

    private static String zhAddress(Random r) {
        return pick(r, CITIES) + pick(r, DISTRICTS) + pick(r, ROADS) + (1 + r.nextInt(899)) + "号";
    }

    private static String enAddress(Random r) {
        return (1 + r.nextInt(299)) + " " + pick(r, STREETS) + ", " + pick(r, EN_CITIES);
    }

    private static Content content(Kind kind, Random r) {
        Content c = new Content();
        String[] phone = phone(r);
        String waybill = waybill(r);
        String order = "SO" + digits(r, 10);
        String mail = email(r);
        LocalDate day = date(r);
        int pieces = 1 + r.nextInt(199);
        String weightNumber = r.nextBoolean() ? String.valueOf(5 + r.nextInt(995)) : (1 + r.nextInt(300)) + "." + (1 + r.nextInt(9));
        switch (kind) {
            case CONSIGNMENT_ZH, MIXED -> {
                boolean mixed = kind == Kind.MIXED;
                c.language = mixed ? "mixed" : "zh";
                c.title = mixed ? "货物托运单 CONSIGNMENT NOTE" : "货物托运单";
                c.table = r.nextBoolean();
                String company = mixed ? pick(r, EN_FIRMS) + " " + pick(r, EN_FIRM_TYPES) : pick(r, CITIES).replace("市", "")
                        + pick(r, FIRMS) + pick(r, FIRM_TYPES);
                String person = mixed ? pick(r, FIRST) + " " + pick(r, LAST) : pick(r, SURNAMES) + pick(r, GIVEN);
                String pickup = mixed ? enAddress(r) : zhAddress(r);
                String delivery = zhAddress(r);
                String goods = mixed ? pick(r, GOODS_EN) : pick(r, GOODS_ZH);
                String dateText = r.nextBoolean() ? day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日"
                        : day.toString();
                c.row("客户名称", company, "customerName");
                c.row("联系人", person, "contactPerson");
                c.row("联系电话", phone[0], "phone");
                c.row("电子邮箱", mail, "email");
                c.row("取件地址", pickup, "pickupAddress");
                c.row("收货地址", delivery, "deliveryAddress");
                c.row("货物名称", goods, null);
                c.row("件数", String.valueOf(pieces), "pieces", "重量", weightNumber + (r.nextBoolean() ? "公斤" : " kg"), "weight");
                c.row("取件日期", dateText, "requestedDate");
                c.row("运单号", waybill, "waybillNumber");
                c.row("订单号", order, "orderNumber");
                put(c, company, person, phone[1], mail, pickup, delivery, pieces, weightNumber, day, waybill, order);
                c.prose.add(mixed ? "Please collect before 5 pm. 请在下午五点前取件。" : "备注：请提前电话联系，轻拿轻放。");
                c.stampable.addAll(List.of("customerName", "contactPerson", "phone", "waybillNumber", "requestedDate"));
            }
            case ORDER_EN -> {
                c.language = "en";
                c.title = "TRANSPORT ORDER FORM";
                c.table = r.nextBoolean();
                String company = pick(r, EN_FIRMS) + " " + pick(r, EN_FIRM_TYPES);
                String person = pick(r, FIRST) + " " + pick(r, LAST);
                String pickup = enAddress(r);
                String delivery = enAddress(r);
                String dateText = r.nextBoolean() ? day.toString()
                        : day.getDayOfMonth() + " " + day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                        + " " + day.getYear();
                c.row("Company Name", company, "customerName");
                c.row("Contact Person", person, "contactPerson");
                c.row("Phone", phone[0], "phone");
                c.row("E-mail", mail, "email");
                c.row("Pickup Address", pickup, "pickupAddress");
                c.row("Delivery Address", delivery, "deliveryAddress");
                c.row("Goods Description", pick(r, GOODS_EN), null);
                c.row("Pieces", String.valueOf(pieces), "pieces", "Gross Weight", weightNumber + " kg", "weight");
                c.row("Requested Date", dateText, "requestedDate");
                c.row("Order No", order, "orderNumber");
                c.row("Waybill No", waybill, "waybillNumber");
                put(c, company, person, phone[1], mail, pickup, delivery, pieces, weightNumber, day, waybill, order);
                c.prose.add("Please call the contact person before pickup.");
                c.stampable.addAll(List.of("customerName", "contactPerson", "phone", "orderNumber", "requestedDate"));
            }
            case COMPLAINT_ZH -> {
                c.language = "zh";
                c.title = "投诉信";
                String company = pick(r, CITIES).replace("市", "") + pick(r, FIRMS) + pick(r, FIRM_TYPES);
                String person = pick(r, SURNAMES) + pick(r, GIVEN);
                c.row("客户名称", company, "customerName");
                c.row("投诉人", person, "contactPerson");
                c.row("电话", phone[0], "phone");
                c.fields.put("customerName", company);
                c.fields.put("contactPerson", person);
                c.fields.put("phone", phone[1]);
                c.fields.put("waybillNumber", waybill);
                c.prose.add("你好，我的运单号是 " + waybill + "，");
                c.prose.add("货物到达时外包装破损，部分货物损坏。");
                c.prose.add("请尽快处理并赔偿，谢谢。");
                c.stampable.addAll(List.of("customerName", "contactPerson"));
            }
            default -> { // COMPLAINT_EN
                c.language = "en";
                c.title = "COMPLAINT";
                String company = pick(r, EN_FIRMS) + " " + pick(r, EN_FIRM_TYPES);
                String person = pick(r, FIRST) + " " + pick(r, LAST);
                c.row("Customer", company, "customerName");
                c.row("Contact", person, "contactPerson");
                c.row("Tel", phone[0], "phone");
                c.row("Email", mail, "email");
                c.fields.put("customerName", company);
                c.fields.put("contactPerson", person);
                c.fields.put("phone", phone[1]);
                c.fields.put("email", mail);
                c.fields.put("waybillNumber", waybill);
                c.prose.add("Dear Sir or Madam,");
                c.prose.add("my tracking no. " + waybill + " arrived with the carton");
                c.prose.add("crushed and two items broken. Please arrange compensation.");
                c.stampable.addAll(List.of("customerName", "contactPerson"));
            }
        }
        return c;
    }

    private static void put(Content c, String company, String person, String phone, String mail, String pickup, String delivery,
                            int pieces, String weight, LocalDate day, String waybill, String order) {
        c.fields.put("customerName", company);
        c.fields.put("contactPerson", person);
        c.fields.put("phone", phone);
        c.fields.put("email", mail);
        c.fields.put("pickupAddress", pickup);
        c.fields.put("deliveryAddress", delivery);
        c.fields.put("pieces", String.valueOf(pieces));
        c.fields.put("weight", weight + " kg");
        c.fields.put("requestedDate", day.toString());
        c.fields.put("waybillNumber", waybill);
        c.fields.put("orderNumber", order);
    }

    // ---------------------------------------------------------------------------------------------- rendering

    /** Grey page at 204 × ydpi: drawn in square 204-dpi space and sampled at ydpi vertically, as a fax scanner does. */
    private static BufferedImage render(Content c, String fontName, float points, double skew, int ydpi, String stamped, Random r) {
        int height = (int) Math.round(PAGE_INCHES * ydpi);
        BufferedImage page = new BufferedImage(WIDTH, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(1.0, ydpi / XDPI);
            g.rotate(Math.toRadians(skew), WIDTH / 2.0, PAGE_INCHES * XDPI / 2.0);
            Font body = new Font(fontName, Font.PLAIN, 12).deriveFont((float) (points * XDPI / 72));
            Font title = new Font(fontName, Font.BOLD, 12).deriveFont((float) (points * 1.5 * XDPI / 72));
            g.setColor(Color.BLACK);
            int left = (int) (0.7 * XDPI) + r.nextInt(40);
            int y = (int) (0.7 * XDPI);
            g.setFont(title);
            y += g.getFontMetrics().getAscent();
            g.drawString(c.title, left, y);
            y += (int) (title.getSize2D() * 0.9);
            g.setFont(body);
            FontMetrics fm = g.getFontMetrics();
            int rowHeight = Math.round(body.getSize2D() * 1.9f);
            int labelWidth = 0;
            for (List<String[]> row : c.rows) {
                labelWidth = Math.max(labelWidth, fm.stringWidth(row.get(0)[0]));
            }
            int valueX = left + labelWidth + (int) (0.3 * XDPI);
            int right = WIDTH - (int) (0.6 * XDPI);
            double[] stampAt = null;
            g.setStroke(new BasicStroke(1.6f));
            if (c.table) {
                g.drawLine(left - 12, y, right, y);
            }
            for (List<String[]> row : c.rows) {
                int baseline = y + (rowHeight + fm.getAscent() - fm.getDescent()) / 2;
                if (row.size() == 1 || !c.table) {
                    int x = left;
                    for (String[] cell : row) {
                        if (c.table) {
                            g.drawString(cell[0], x, baseline);
                            g.drawString(cell[1], valueX, baseline);
                            if (stamped != null && stamped.equals(cell[2])) {
                                stampAt = new double[] {valueX + fm.stringWidth(cell[1]) * (0.5 + 0.4 * r.nextDouble()), baseline - fm.getAscent() / 2.0};
                            }
                        } else {
                            String text = cell[0] + "：" + cell[1];
                            g.drawString(text, x, baseline);
                            if (stamped != null && stamped.equals(cell[2])) {
                                int start = fm.stringWidth(cell[0] + "：");
                                stampAt = new double[] {x + start + fm.stringWidth(cell[1]) * (0.5 + 0.4 * r.nextDouble()), baseline - fm.getAscent() / 2.0};
                            }
                            x += fm.stringWidth(text) + (int) (0.5 * XDPI);
                        }
                    }
                } else {
                    // two label/value pairs in one table row: the second pair from the middle of the page
                    int mid = (left + right) / 2 + 40;
                    g.drawString(row.get(0)[0], left, baseline);
                    g.drawString(row.get(0)[1], valueX, baseline);
                    g.drawString(row.get(1)[0], mid, baseline);
                    g.drawString(row.get(1)[1], mid + fm.stringWidth(row.get(1)[0]) + (int) (0.3 * XDPI), baseline);
                    g.drawLine(mid - 20, y, mid - 20, y + rowHeight);
                }
                y += rowHeight;
                if (c.table) {
                    g.drawLine(left - 12, y, right, y);
                }
            }
            if (c.table) {
                int top = y - rowHeight * c.rows.size();
                g.drawLine(left - 12, top, left - 12, y);
                g.drawLine(valueX - 16, top, valueX - 16, y);
                g.drawLine(right, top, right, y);
            }
            y += rowHeight / 2;
            for (String line : c.prose) {
                y += rowHeight;
                g.drawString(line, left, y);
            }
            // a signature scribble under the text
            g.setStroke(new BasicStroke(3f));
            int sx = right - 500 + r.nextInt(100);
            int sy = y + rowHeight * 2;
            var path = new java.awt.geom.Path2D.Double();
            path.moveTo(sx, sy);
            for (int i = 0; i < 5; i++) {
                path.curveTo(sx + 40 + i * 70, sy - 60 + r.nextInt(30), sx + 70 + i * 70, sy + 50 - r.nextInt(30), sx + 100 + i * 70, sy);
            }
            g.draw(path);
            if (stampAt != null) {
                stamp(g, stampAt[0], stampAt[1], fontName, r);
            }
        } finally {
            g.dispose();
        }
        return page;
    }

    /** A round company seal, red ink that a fax reads as dark grey, over the text at (x, y). */
    private static void stamp(Graphics2D g, double x, double y, String fontName, Random r) {
        AffineTransform saved = g.getTransform();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.75f));
        g.setColor(new Color(70, 70, 70));
        double radius = 0.5 * XDPI;
        g.translate(x, y);
        g.rotate(Math.toRadians(r.nextInt(60) - 30));
        g.setStroke(new BasicStroke(7f));
        g.drawOval((int) -radius, (int) -radius, (int) (2 * radius), (int) (2 * radius));
        Font f = new Font(fontName, Font.BOLD, 12).deriveFont((float) (radius * 0.33));
        g.setFont(f);
        String ring = "业务专用章合同";
        for (int i = 0; i < ring.length(); i++) {
            AffineTransform t = g.getTransform();
            double angle = Math.toRadians(-150 + i * 50);
            g.rotate(angle);
            g.drawString(String.valueOf(ring.charAt(i)), -f.getSize() / 2, (int) (-radius * 0.62));
            g.setTransform(t);
        }
        var star = new java.awt.geom.Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double a = Math.toRadians(-90 + i * 36);
            double rr = i % 2 == 0 ? radius * 0.3 : radius * 0.12;
            if (i == 0) {
                star.moveTo(rr * Math.cos(a), rr * Math.sin(a));
            } else {
                star.lineTo(rr * Math.cos(a), rr * Math.sin(a));
            }
        }
        star.closePath();
        g.fill(star);
        g.setTransform(saved);
        g.setComposite(AlphaComposite.SrcOver);
    }

    /** Pairs of rows made one: 0.7 × the darker + 0.3 × the mean (a fax machine's standard-resolution reduction). */
    private static BufferedImage halfHeight(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var src = in.getRaster();
        var dst = out.getRaster();
        int[] a = new int[w];
        int[] b = new int[w];
        int[] o = new int[w];
        for (int y = 0; y < h; y++) {
            src.getSamples(0, 2 * y, w, 1, 0, a);
            src.getSamples(0, 2 * y + 1, w, 1, 0, b);
            for (int x = 0; x < w; x++) {
                o[x] = (int) Math.round(0.7 * Math.min(a[x], b[x]) + 0.3 * (a[x] + b[x]) / 2.0);
            }
            dst.setSamples(0, y, w, 1, 0, o);
        }
        return out;
    }

    /** A slight blur (3×3, centre-weighted): the scanner's optics. */
    private static BufferedImage blur(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight();
        var src = in.getRaster();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var dst = out.getRaster();
        int[] row0 = new int[w];
        int[] row1 = new int[w];
        int[] row2 = new int[w];
        for (int y = 0; y < h; y++) {
            src.getSamples(0, Math.max(0, y - 1), w, 1, 0, row0);
            src.getSamples(0, y, w, 1, 0, row1);
            src.getSamples(0, Math.min(h - 1, y + 1), w, 1, 0, row2);
            for (int x = 0; x < w; x++) {
                int xl = Math.max(0, x - 1);
                int xr = Math.min(w - 1, x + 1);
                int sum = 4 * row1[x] + 2 * (row1[xl] + row1[xr] + row0[x] + row2[x]) + row0[xl] + row0[xr] + row2[xl] + row2[xr];
                dst.setSample(x, y, 0, sum / 16);
            }
        }
        return out;
    }

    /** 1 bit at {@code threshold}, then salt-and-pepper: {@code noise} of the pixels flipped. */
    private static BufferedImage binarize(BufferedImage grey, int threshold, double noise, Random r) {
        int w = grey.getWidth();
        int h = grey.getHeight();
        BufferedImage binary = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        var src = grey.getRaster();
        var dst = binary.getRaster();
        int[] row = new int[w];
        int[] bits = new int[w];
        for (int y = 0; y < h; y++) {
            src.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                boolean black = row[x] < threshold;
                if (r.nextDouble() < noise) {
                    black = !black;
                }
                bits[x] = black ? 0 : 1;
            }
            dst.setSamples(0, y, w, 1, 0, bits);
        }
        return binary;
    }

    /** A one-page TIFF in {@code compression} ("CCITT T.4" = G3, "CCITT T.6" = G4) with its resolution tags. */
    static byte[] tiff(BufferedImage page, int xdpi, int ydpi, String compression) {
        ImageWriter writer = null;
        var writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
                break;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("the JDK's TIFF writer is missing");
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(page), param);
            TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
            BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
            dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                    new long[][] {{xdpi, 1}}));
            dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                    new long[][] {{ydpi, 1}}));
            dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1,
                    new char[] {(char) BaselineTIFFTagSet.RESOLUTION_UNIT_INCH}));
            writer.write(null, new IIOImage(page, null, dir.getAsMetadata()), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
    }
}
