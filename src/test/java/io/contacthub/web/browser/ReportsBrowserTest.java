package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.reports.Reports;
import io.contacthub.standing.CustomerStandings;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Reports page in a real headless Chromium: every chart is drawn from the hub's figures, and the exports download. */
class ReportsBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerStandings standings;

    @Test
    void aSupervisorSeesEveryReportChartedWithItsFiguresAndCanExportThem() {
        for (int i = 0; i < 3; i++) {
            var answer = postMessage("""
                    {"name": "图表客户", "email": "chart.%s@example.com", "subject": "投诉：货物破损",
                     "body": "货物到达时已经破损，我要投诉。"}""".formatted(UUID.randomUUID().toString().substring(0, 8)), null);
            assertThat(answer.getStatusCode().value()).isEqualTo(202);
        }
        jdbc.sql("""
                update customer set province = '江苏省', city = '常州市', region_source = 'STAFF'
                where id in (select customer_id from customer_identity where kind = 'EMAIL' and value like 'chart.%@example.com')""")
                .update();
        standings.recompute("test");

        browser.open("/console/reports?lang=zh");
        assertThat(browser.find("#nav-reports").getAttribute("class")).contains("active");
        for (String name : Reports.NAMES) {
            String chart = "#report-" + name + " .chart";
            browser.await(Duration.ofSeconds(20), d -> {
                WebElement c = d.findElement(By.cssSelector(chart));
                return "true".equals(c.getAttribute("data-rendered")) || c.getAttribute("data-error") != null;
            });
            WebElement c = browser.find(chart);
            assertThat(c.getAttribute("data-error")).as(name).isNull();
            assertThat(c.findElements(By.tagName("canvas"))).as(name + " is drawn").isNotEmpty();
        }
        assertThat(Integer.parseInt(browser.find("#report-contacts .chart").getAttribute("data-rows"))).isPositive();
        assertThat(browser.find("#report-complaint-causes table.figures").getAttribute("textContent")).contains("产品质量");
        assertThat(browser.find("#report-regions table.figures").getAttribute("textContent")).contains("江苏省");
        browser.screenshot("console-reports", true);

        // The export links download with the signed-in session, in the page's language.
        String href = browser.find("#report-regions .export-csv").getAttribute("href");
        Object csv = browser.driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
        // (whether the BOM that makes Excel read UTF-8, and the CR of each line, survive the trip to the test is up to the driver)
        assertThat(csv.toString().replace("\uFEFF", "").replace("\r", "")).startsWith("省份,客户数,联系量\n").contains("\n江苏省,");
    }
}
