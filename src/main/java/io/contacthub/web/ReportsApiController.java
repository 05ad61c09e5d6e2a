package io.contacthub.web;

import io.contacthub.reports.ReportTable;
import io.contacthub.reports.Reports;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reports for BI tools (SUPERVISOR, ADMIN): JSON, CSV or XLSX. {@code from} and {@code to} are days
 * (yyyy-MM-dd, inclusive) in the caller's zone: their profile's, else {@code hub.time-zone}; Accept-Language picks
 * the labels' language.
 */
@RestController
class ReportsApiController {

    private final ReportResponses responses;

    ReportsApiController(ReportResponses responses) {
        this.responses = responses;
    }

    @GetMapping("/api/reports")
    Map<String, Object> list() {
        return Map.of("reports", Reports.NAMES);
    }

    @GetMapping("/api/reports/{name}")
    ReportTable report(@PathVariable String name, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, Locale locale) {
        return responses.table(name, from, to, locale);
    }

    @GetMapping("/api/reports/{name}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String name, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, Locale locale) {
        return responses.csv(name, from, to, locale);
    }

    @GetMapping("/api/reports/{name}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String name, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, Locale locale) {
        return responses.xlsx(name, from, to, locale);
    }
}
