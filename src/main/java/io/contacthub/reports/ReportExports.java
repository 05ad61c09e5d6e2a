package io.contacthub.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A report written out for spreadsheets: CSV (RFC 4180, UTF-8 with a BOM so Excel reads Chinese) or XLSX. */
public final class ReportExports {

    private ReportExports() {
    }

    public static byte[] csv(ReportTable table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, table.columns().stream().map(c -> (Object) c.label()).toList());
        for (List<Object> row : table.rows()) {
            line(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(ReportTable table) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            // A sheet name may not hold : \ / ? * [ ] and has at most 31 characters.
            Sheet sheet = book.createSheet(table.title().replaceAll("[:\\\\/?*\\[\\]]", " ").substring(0, Math.min(31, table.title().length())));
            Row header = sheet.createRow(0);
            for (int i = 0; i < table.columns().size(); i++) {
                header.createCell(i).setCellValue(table.columns().get(i).label());
            }
            for (int r = 0; r < table.rows().size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = table.rows().get(r);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v instanceof Number n) {
                        row.createCell(i).setCellValue(n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(v == null ? "" : cellText(v.toString()));
                    }
                }
            }
            book.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringBuilder out, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values.get(i);
            String s = v == null ? "" : v instanceof Number ? v.toString() : cellText(v.toString());
            out.append(s.matches(".*[\",\r\n].*") || s.startsWith(" ") ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        out.append("\r\n");
    }

    /**
     * Text that a spreadsheet would run as a formula (=, +, -, @ first: a category or province name staff or a
     * customer typed) gets a leading apostrophe, so opening an export never runs anything.
     */
    static String cellText(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
