package io.contacthub.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A spike of complaints of one kind raises one alert for supervisors, which stays until one acknowledges it. */
class ComplaintWarningsTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ComplaintWarnings warnings;

    @Test
    void aSpikeOfOneCategoryRaisesOneAlertUntilASupervisorAcknowledgesIt() throws Exception {
        String spiking = category("潮湿受损", "Water damage");
        String steady = category("包装问题", "Packaging");
        long ticket = ticket();
        // Steady: five a week for the last four weeks, six this week — not twice the average.
        for (int week = 1; week <= 4; week++) {
            complaints(ticket, steady, 5, week * 7 + 3);
        }
        complaints(ticket, steady, 6, 1);
        // Spiking: one in the four weeks before, six this week.
        complaints(ticket, spiking, 1, 20);
        complaints(ticket, spiking, 6, 2);

        List<ComplaintWarnings.Alert> raised = warnings.check();
        assertThat(raised).extracting(ComplaintWarnings.Alert::value).contains(spiking).doesNotContain(steady);
        ComplaintWarnings.Alert alert = raised.stream().filter(a -> a.value().equals(spiking)).findFirst().orElseThrow();
        assertThat(alert.cases()).isEqualTo(6);
        assertThat(alert.recentAverage()).isEqualByComparingTo("0.25");
        assertThat(warnings.check()).as("no second alert while the first is open").extracting(ComplaintWarnings.Alert::value)
                .doesNotContain(spiking);

        FormSession supervisor = new FormSession(port);
        supervisor.signIn("/login", "admin", ADMIN_PASSWORD);
        Document page = Jsoup.parse(supervisor.get("/console/reports?lang=en").body());
        assertThat(page.select("#alerts li[data-value=" + spiking + "]").text()).contains("Water damage").contains("6 complaints");
        assertThat(Integer.parseInt(page.select("#alert-count").text())).isPositive();

        supervisor.post("/console/reports/alerts/" + alert.id() + "/acknowledge", java.util.Map.of(), true);
        page = Jsoup.parse(supervisor.get("/console/reports?lang=en").body());
        assertThat(page.select("#alerts li[data-value=" + spiking + "]")).isEmpty();
        assertThat(page.select(".flash.ok").text()).isEqualTo("Alert acknowledged.");
        assertThat(jdbc.sql("select acknowledged_by from complaint_alert where id = ?").param(alert.id()).query(String.class).single())
                .isEqualTo("admin");
    }

    private String category(String zh, String en) {
        String code = "W_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        jdbc.sql("insert into complaint_category (code, label_zh, label_en, sort_order) values (?, ?, ?, 950)").params(code, zh, en).update();
        return code;
    }

    private void complaints(long ticket, String category, int count, int daysAgo) {
        jdbc.sql("""
                insert into complaint_case (ticket_id, status, category, severity, opened_at, first_response_due_at,
                    resolution_due_at, updated_at, closed_at)
                select ?, 'CLOSED', ?, 'LOW', now() - make_interval(days => ?), now(), now(), now(), now()
                from generate_series(1, ?)""").params(ticket, category, daysAgo, count).update();
    }

    private long ticket() {
        var answer = postMessage("""
                {"name": "Warning Test", "email": "warn.%s@example.com", "subject": "hi", "body": "hello"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)), null);
        String ref = readJson(answer.getBody()).path("ticket").asText();
        return jdbc.sql("select id from ticket where ref = ?").param(ref).query(Long.class).single();
    }
}
