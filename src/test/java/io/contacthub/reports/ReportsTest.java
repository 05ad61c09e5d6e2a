package io.contacthub.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reports as a BI tool reads them (/api/reports, Basic auth): figures, days in the reader's zone, exports that parse. */
class ReportsTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void contactsCountOnTheDayTheyArrivedInTheReadersZone() {
        String ref = message("zone");
        // 01:30 in Shanghai on 10 March is still 9 March in UTC.
        jdbc.sql("update inbound_message set received_at = '2025-03-10T01:30:00+08:00' where id = "
                + "(select message_id from contact_record where ticket_id = (select id from ticket where ref = ?))").param(ref).update();

        JsonNode zh = get("/api/reports/contacts?from=2025-03-10&to=2025-03-10", "zh-CN");
        assertThat(zh.path("rows")).extracting(r -> r.get(0).asText() + " " + r.get(1).asText() + " " + r.get(2).asInt())
                .containsExactly("2025-03-10 " + labelOfWebIn("zh") + " 1");
        assertThat(zh.path("columns").get(0).path("label").asText()).isEqualTo("日期");
        assertThat(get("/api/reports/contacts?from=2025-03-09&to=2025-03-09", "zh-CN").path("rows")).isEmpty();
    }

    @Autowired
    ContactRollup rollup;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void figuresAreTheSameWhetherContactsAreCountedLiveOrFromTheHourlyRollup() throws Exception {
        // The scheduled refresh may or may not have taken them in by the first look: the figure must not care. The
        // test moves the contacts to a past day, which nothing in the hub ever does: while it does, it holds the
        // rollup's lock, so the rollup never takes them in at the hour they really arrived.
        try (java.sql.Connection held = dataSource.getConnection()) {
            held.createStatement().execute("select pg_advisory_lock(hashtext('contact-rollup'))");
            List<String> refs = List.of(message("rolled 1"), message("rolled 2"), message("rolled 3"));
            for (String ref : refs) {
                jdbc.sql("update inbound_message set received_at = '2024-05-01T10:15:00+08:00' where id = "
                        + "(select message_id from contact_record where ticket_id = (select id from ticket where ref = ?))").param(ref).update();
            }
            held.createStatement().execute("select pg_advisory_unlock(hashtext('contact-rollup'))");
        }
        String day = "/api/reports/contacts?from=2024-05-01&to=2024-05-01";
        long before = get(day, "zh-CN").path("rows").get(0).get(2).asLong();
        while (rollup.refresh() > 0) {
            // take everything in
        }
        long lastId = jdbc.sql("select max(id) from contact_record").query(Long.class).single();
        assertThat(rollup.watermark()).isGreaterThanOrEqualTo(lastId);
        assertThat(get(day, "zh-CN").path("rows").get(0).get(2).asLong()).isEqualTo(before).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select sum(contacts) from contact_rollup where hour = '2024-05-01T02:00:00Z'").query(Long.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select sum(contacts) from contact_region_rollup where hour = '2024-05-01T02:00:00Z'").query(Long.class)
                .single()).isEqualTo(before);
    }

    @Test
    void todaysContactsAreCountedByChannel() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long before = webContacts(today);
        message("one");
        message("two");
        assertThat(webContacts(today)).isEqualTo(before + 2);
    }

    @Test
    void complaintCausesExportAsCsvAndXlsxWithTheSameFiguresAndNoFormulaRuns() throws Exception {
        String code = "RPT_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
        jdbc.sql("insert into complaint_category (code, label_zh, label_en, sort_order) values (?, ?, ?, 900)")
                .params(code, "=HYPERLINK(\"http://evil.example\",\"点我\")", "=HYPERLINK(\"http://evil.example\",\"click\")").update();
        long ticket = jdbc.sql("select id from ticket where ref = ?").param(message("complaint")).query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    insert into complaint_case (ticket_id, status, category, severity, opened_at, first_response_due_at,
                        resolution_due_at, compensation_amount, updated_at, closed_at)
                    values (?, 'CLOSED', ?, 'LOW', now(), now(), now(), 10.50, now(), now())""").params(ticket, code).update();
        }

        JsonNode json = get("/api/reports/complaint-causes", "en");
        JsonNode row = null;
        for (JsonNode r : json.path("rows")) {
            if (r.get(1).asText().startsWith("=HYPERLINK")) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get(0).asText()).isEqualTo("Our side");
        assertThat(row.get(2).asInt()).isEqualTo(3);
        assertThat(row.get(3).decimalValue()).isEqualByComparingTo("31.50");

        ResponseEntity<byte[]> csv = download("/api/reports/complaint-causes.csv", "en");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).matches("complaint-causes-\\d{4}-\\d\\d-\\d\\d-\\d{4}-\\d\\d-\\d\\d\\.csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFCause group,Category,Cases,Compensation\r\n");
        assertThat(text).contains("Our side,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",3,31.50\r\n");
        assertThat(text.split("\r\n")).hasSize(json.path("rows").size() + 1);

        ResponseEntity<byte[]> xlsx = download("/api/reports/complaint-causes.xlsx", "zh-CN");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("投诉原因");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("原因类别");
            List<String> rows = new ArrayList<>();
            for (Row r : sheet) {
                if (r.getRowNum() > 0) {
                    rows.add(r.getCell(1).getStringCellValue() + "=" + (int) r.getCell(2).getNumericCellValue());
                }
            }
            assertThat(rows).contains("'=HYPERLINK(\"http://evil.example\",\"点我\")=3");
            assertThat(rows).hasSize(json.path("rows").size());
        }
    }

    @Test
    void badPeriodsAndUnknownReportsAreRefusedSayingWhy() {
        assertThat(status("/api/reports/contacts?from=last-week")).isEqualTo(400);
        assertThat(status("/api/reports/contacts?from=2024-01-01&to=2026-01-01")).isEqualTo(400);
        assertThat(status("/api/reports/contacts?from=2026-02-01&to=2026-01-01")).isEqualTo(400);
        assertThat(status("/api/reports/no-such-report")).isEqualTo(404);
        assertThat(http.getForEntity("/api/reports/contacts", String.class).getStatusCode().value()).as("no credentials").isEqualTo(401);
        assertThat(get("/api/reports", "en").path("reports")).hasSize(Reports.NAMES.size());
    }

    @Test
    void everyReportAnswersForTheDefaultPeriod() {
        for (String name : Reports.NAMES) {
            JsonNode table = get("/api/reports/" + name, "zh-CN");
            assertThat(table.path("name").asText()).isEqualTo(name);
            assertThat(table.path("title").asText()).doesNotStartWith("report.");
            for (JsonNode c : table.path("columns")) {
                assertThat(c.path("label").asText()).as(name).doesNotStartWith("report.col.");
            }
        }
        // Ratings 1 to 5 are always there, answered or not, so a chart has its axis.
        assertThat(get("/api/reports/satisfaction", "en").path("rows")).extracting(r -> r.get(0).asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(get("/api/reports/customer-classes", "en").path("rows")).extracting(r -> r.get(0).asText()).containsExactly("A", "B", "C");
    }

    private long webContacts(LocalDate day) {
        for (JsonNode r : get("/api/reports/contacts?from=" + day + "&to=" + day, "zh-CN").path("rows")) {
            if (r.get(1).asText().equals(labelOfWebIn("zh"))) {
                return r.get(2).asLong();
            }
        }
        return 0;
    }

    @Autowired
    io.contacthub.descriptor.ChannelCatalog channels;

    private String labelOfWebIn(String lang) {
        return channels.label("WEB", java.util.Locale.forLanguageTag(lang));
    }

    private JsonNode get(String path, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        ResponseEntity<String> answer = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return readJson(answer.getBody());
    }

    private ResponseEntity<byte[]> download(String path, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        ResponseEntity<byte[]> answer = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return answer;
    }

    private int status(String path) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity(path, String.class).getStatusCode().value();
    }

    private String message(String body) {
        var answer = postMessage("""
                {"name": "Report Test", "email": "report.%s@example.com", "subject": "hi", "body": "%s"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), body), null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }
}
