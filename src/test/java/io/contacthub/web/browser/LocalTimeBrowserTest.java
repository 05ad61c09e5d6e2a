package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Staff read times as they live them: in their zone, with the zone beside the time; what they type is their local time. */
class LocalTimeBrowserTest extends BrowserTest {

    /** 09:00 in Shanghai on 2 December 2026, as the hub stores it (UTC). */
    private static final Instant NINE_IN_SHANGHAI = Instant.parse("2026-12-02T01:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTicketCreatedAtNineInShanghaiShowsNineWithTheZoneInTheQueueAndTimeline() {
        String marker = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String ref = ticketReceivedAt(NINE_IN_SHANGHAI, marker);

        browser.open("/console?lang=zh&q=" + marker);
        WebElement row = browser.find("tr[data-ref='" + ref + "']");
        assertThat(row.getText()).contains("2026-12-02 09:00:00 GMT+8").doesNotContain("01:00");

        browser.open("/console/tickets/" + ref + "?lang=zh");
        WebElement contact = browser.find("#timeline article[data-kind=IN]");
        assertThat(contact.findElement(By.tagName("time")).getText()).isEqualTo("2026-12-02 09:00:00 GMT+8");
        assertThat(browser.find("aside").getText()).contains("2026-12-02 09:00 GMT+8");

        // On an English page the same moment is shown in the hub's own zone (no hub.time-zone here), with that zone.
        browser.open("/console/tickets/" + ref + "?lang=en");
        ZonedDateTime local = NINE_IN_SHANGHAI.atZone(ZoneId.systemDefault());
        String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(local) + " " + gmt(local);
        assertThat(browser.find("#timeline article[data-kind=IN] time").getText()).isEqualTo(expected);
        browser.open("/console?lang=zh");
    }

    @Test
    void theFollowUpDateIsTypedInTheAgentsLocalTimeAndStoredInUtc() {
        String marker = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String ref = complaint(marker);
        browser.open("/console/tickets/" + ref + "?lang=zh");
        new Select(browser.find("#step-action")).selectByValue("RESOLVE");
        assertThat(browser.find("#step-followup-zone").getText()).isEqualTo("GMT+8");
        assertThat(browser.find("label[for=step-followup]").getText()).contains("本地时间").doesNotContain("UTC");
        browser.type("#step-text", "已赔偿并更换包装。");
        // datetime-local takes the digits in the browser's own order; setting the value is what a picker does.
        browser.driver.executeScript("document.querySelector('#step-followup').value = '2026-12-09T09:30';");
        browser.clickAndWait("#save-step");

        Instant planned = jdbc.sql("""
                        select c.follow_up_due_at from complaint_case c join ticket t on t.id = c.ticket_id where t.ref = ?""")
                .param(ref).query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(planned).isEqualTo(Instant.parse("2026-12-09T01:30:00Z"));
        assertThat(browser.find("#complaint-followup").getText()).contains("2026-12-09 09:30 GMT+8");
        browser.open("/console?lang=zh");
    }

    private String ticketReceivedAt(Instant at, String marker) {
        var answer = postMessage("""
                {"name": "陈静", "email": "chen-%s@example.cn", "subject": "入库时间%s", "body": "请问明天几点可以送货入库？"}"""
                .formatted(marker, marker), null);
        String ref = readJson(answer.getBody()).path("ticket").asText();
        // The moment the message arrived, as if it had come in at nine in Shanghai (stored in UTC).
        jdbc.sql("""
                        update inbound_message set received_at = :at
                        where id in (select c.message_id from contact_record c join ticket t on t.id = c.ticket_id where t.ref = :ref)""")
                .param("at", java.sql.Timestamp.from(at)).param("ref", ref).update();
        jdbc.sql("update ticket set created_at = :at, last_contact_at = :at where ref = :ref")
                .param("at", java.sql.Timestamp.from(at)).param("ref", ref).update();
        return ref;
    }

    private String complaint(String marker) {
        var answer = postMessage("""
                {"name": "周女士", "email": "zhou-%s@example.cn", "subject": "投诉%s",
                 "body": "货物外箱破损，里面的瓷器损坏了。我要投诉，请处理并赔偿。"}""".formatted(marker, marker), null);
        String ref = readJson(answer.getBody()).path("ticket").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/" + ref + "/complaint", String.class).getStatusCode().value() == 200);
        return ref;
    }

    private static String gmt(ZonedDateTime at) {
        int seconds = at.getOffset().getTotalSeconds();
        if (seconds == 0) {
            return "GMT";
        }
        int m = Math.abs(seconds) % 3600 / 60;
        return "GMT" + (seconds < 0 ? "-" : "+") + Math.abs(seconds) / 3600 + (m == 0 ? "" : ":" + String.format("%02d", m));
    }
}
