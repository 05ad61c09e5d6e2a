package io.contacthub.web;

import io.contacthub.reports.ReportExports;
import io.contacthub.reports.ReportPeriod;
import io.contacthub.reports.ReportTable;
import io.contacthub.reports.Reports;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A report answered over HTTP, the same for BI tools ({@code /api/reports}, Basic auth) and the console's charts and
 * export links ({@code /console/reports}, the signed-in session): JSON, CSV or XLSX, for days in the reader's zone.
 */
@Component
public class ReportResponses {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Reports reports;
    private final ViewerTime time;

    ReportResponses(Reports reports, ViewerTime time) {
        this.reports = reports;
        this.time = time;
    }

    /** @throws ResponseStatusException 400 for days that cannot be read, 404 for a report that does not exist */
    public ReportTable table(String name, String from, String to, Locale locale) {
        ReportPeriod period;
        try {
            period = ReportPeriod.of(from, to, time.zone(), LocalDate.now(time.zone()));
        } catch (ReportPeriod.Invalid e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return reports.report(name, period, locale)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no report " + name + "; there are " + Reports.NAMES));
    }

    public ResponseEntity<byte[]> csv(String name, String from, String to, Locale locale) {
        ReportTable table = table(name, from, to, locale);
        return download(ReportExports.csv(table), new MediaType("text", "csv", StandardCharsets.UTF_8), table, "csv");
    }

    public ResponseEntity<byte[]> xlsx(String name, String from, String to, Locale locale) {
        ReportTable table = table(name, from, to, locale);
        return download(ReportExports.xlsx(table), XLSX, table, "xlsx");
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, ReportTable table, String extension) {
        String file = table.name() + "-" + table.from() + "-" + table.to() + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(body);
    }
}
