package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queue in a real headless Chromium: search box, view tabs, and rows ticked for a bulk change while the table refreshes. */
class QueueBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsTickedForABulkChangeStayTickedWhileTheTableRefreshesAndTheChangeReachesEachTicket() throws Exception {
        String token = "zqbulk" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        List<String> refs = List.of(message(token, "first"), message(token, "second"), message(token, "third"));

        browser.open("/console");
        browser.type("#q", token);
        browser.clickAndWait("#search-go");
        assertThat(browser.find("#views a.active").getAttribute("data-view")).isEqualTo("all");
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(refs);

        tick(refs.get(0));
        tick(refs.get(1));
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("2");
        // The table replaces its rows every 3 s; the ticks survive.
        String marker = "hubRowsSwapped";
        browser.driver.executeScript("window." + marker + " = 0; document.addEventListener('htmx:afterSettle', "
                + "function () { window." + marker + "++; });");
        browser.await(Duration.ofSeconds(15), d -> ((Number) browser.driver.executeScript("return window." + marker + ";"))
                .intValue() >= 1);
        assertThat(checkbox(refs.get(0)).isSelected()).isTrue();
        assertThat(checkbox(refs.get(1)).isSelected()).isTrue();
        assertThat(checkbox(refs.get(2)).isSelected()).isFalse();
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("2");

        new Select(browser.find("#bulk-status")).selectByValue("PENDING");
        browser.clickAndWait("#bulk-change-status");
        assertThat(browser.find("#bulk-result").getText()).contains("2 ticket(s) moved.");
        assertThat(status(refs.get(0))).isEqualTo("PENDING");
        assertThat(status(refs.get(1))).isEqualTo("PENDING");
        assertThat(status(refs.get(2))).isEqualTo("OPEN");
        // Back on the same search.
        assertThat(browser.find("#q").getAttribute("value")).isEqualTo(token);

        // Select all on the page, assign them all.
        browser.find("#select-all").click();
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("3");
        new Select(browser.find("#bulk-assignee")).selectByValue("admin");
        browser.clickAndWait("#bulk-assign");
        assertThat(browser.find("#bulk-result").getText()).contains("3 ticket(s) assigned.");
        for (String ref : refs) {
            assertThat(jdbc.sql("select assignee from ticket where ref = ?").param(ref).query(String.class).single()).isEqualTo("admin");
        }
        browser.screenshot("console-queue-bulk", false);

        // The tabs keep the search: "My open tickets" lists them all, OPEN and PENDING, now that they are admin's.
        browser.clickAndWait(browser.find("#views a[data-view='mine']"));
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(refs);
        assertThat(browser.path()).contains("view=mine").contains("q=" + token);
    }

    private List<String> rows() {
        return browser.all("#queue-rows tr[data-ref]").stream().map(e -> e.getAttribute("data-ref")).toList();
    }

    private WebElement checkbox(String ref) {
        return browser.find("#queue-rows tr[data-ref='" + ref + "'] input.select-row");
    }

    private void tick(String ref) {
        checkbox(ref).click();
    }

    private String status(String ref) {
        return jdbc.sql("select status from ticket where ref = ?").param(ref).query(String.class).single();
    }

    private String message(String token, String text) throws Exception {
        Map<String, String> message = Map.of("email", "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "subject", "Bulk " + text, "body", text + " " + token);
        var answer = postMessage(json.writeValueAsString(message), null);
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }
}
