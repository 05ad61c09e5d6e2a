package io.contacthub.web.console;

import io.contacthub.reports.ComplaintWarnings;
import io.contacthub.reports.ReportPeriod;
import io.contacthub.reports.Reports;
import io.contacthub.reports.ReportTable;
import io.contacthub.web.ReportResponses;
import io.contacthub.web.ViewerTime;
import java.time.LocalDate;
import java.security.Principal;
import java.util.Locale;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Reports page: a chart per report over the chosen days, each with its CSV and XLSX export (SUPERVISOR, ADMIN). */
@Controller
class ReportsController {

    private final ViewerTime time;
    private final ReportResponses responses;
    private final ComplaintWarnings warnings;

    ReportsController(ViewerTime time, ReportResponses responses, ComplaintWarnings warnings) {
        this.time = time;
        this.responses = responses;
        this.warnings = warnings;
    }

    /** A supervisor saw the alert and is on it: it leaves the list (and a new one may be raised again later). */
    @PostMapping("/console/reports/alerts/{id}/acknowledge")
    String acknowledge(@PathVariable long id, Principal staff, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", warnings.acknowledge(id, staff.getName()) ? "reports.alert.acknowledged" : "reports.alert.gone");
        return "redirect:/console/reports";
    }

    /** The figures a chart is drawn from (the page's own session; the same as {@code /api/reports/{name}}). */
    @GetMapping("/console/reports/{name}.json")
    @ResponseBody
    ReportTable figures(@PathVariable String name, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, Locale locale) {
        return responses.table(name, from, to, locale);
    }

    @GetMapping("/console/reports/{name}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String name, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, Locale locale) {
        return responses.csv(name, from, to, locale);
    }

    @GetMapping("/console/reports/{name}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String name, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, Locale locale) {
        return responses.xlsx(name, from, to, locale);
    }

    @GetMapping("/console/reports")
    String reports(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        ReportPeriod period;
        LocalDate today = LocalDate.now(time.zone());
        try {
            period = ReportPeriod.of(from, to, time.zone(), today);
        } catch (ReportPeriod.Invalid e) {
            model.addAttribute("error", e.getMessage());
            period = ReportPeriod.of(null, null, time.zone(), today);
        }
        model.addAttribute("period", period);
        model.addAttribute("reports", Reports.NAMES);
        model.addAttribute("alerts", warnings.open());
        return "console/reports";
    }
}
