package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.TestMailServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The satisfaction mail's score link in a real headless Chromium: one click rates; the comment is added on the page. */
class RatingPageBrowserTest extends BrowserTest {

    private static final Pattern FIVE = Pattern.compile("https?://[^/\\s]+(/portal/rate/[^\\s?]+\\?score=5&lang=zh)");

    @Autowired
    JdbcClient jdbc;

    @Override
    boolean signsInAsAdmin() {
        return false;
    }

    @Test
    void clickingAScoreInTheMailRatesAtOnceAndStaffSeeTheRatingOnTheTicket() throws Exception {
        String customer = "rating.browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String ref = readJson(postMessage("""
                {"name": "周女士", "email": "%s", "subject": "改约送货时间", "body": "请把明天的送货改到下午三点以后，谢谢。"}"""
                .formatted(customer), null).getBody()).path("ticket").asText();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref, HttpMethod.PATCH,
                new HttpEntity<>("{\"status\": \"RESOLVED\", \"note\": \"已改约到明天下午。\"}", headers), String.class);
        String mail = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestMailServer.mailTo(customer).stream()
                .map(RatingPageBrowserTest::text).filter(b -> b.contains("/portal/rate/")).toList(), l -> !l.isEmpty()).get(0);
        Matcher five = FIVE.matcher(mail);
        assertThat(five.find()).as("the '5' link in %s", mail).isTrue();

        browser.open(five.group(1));
        browser.await(Duration.ofSeconds(15), d -> !browser.all("#rating-thanks").isEmpty());
        assertThat(browser.find("#rating-thanks").getText()).contains("5");
        assertThat(score(ref)).isEqualTo(5);

        browser.type("#rating-comment", "司机很准时。<b>谢谢</b>");
        browser.find("input[name=score][value='4']").click();
        browser.clickAndWait("#rating-send");
        assertThat(score(ref)).as("the customer changed their mind").isEqualTo(4);
        assertThat(browser.find("#rating-comment").getAttribute("value")).isEqualTo("司机很准时。<b>谢谢</b>");
        browser.screenshot("portal-rating", true);

        browser.signInStaff("admin", ADMIN_PASSWORD);
        browser.open("/console/tickets/" + ref + "?lang=zh");
        assertThat(browser.find("#satisfaction-score").getText()).startsWith("4");
        assertThat(browser.find("#satisfaction-comment").getText()).isEqualTo("司机很准时。<b>谢谢</b>");
        long customerId = jdbc.sql("select customer_id from ticket where ref = ?").param(ref).query(Long.class).single();
        // The customer page as the README shows it: master data, a contact person, an address and the class.
        io.contacthub.web.console.FormSession staff = new io.contacthub.web.console.FormSession(port);
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        staff.post("/console/customers/" + customerId + "/details", java.util.Map.of("company", "常州华东电子有限公司",
                "industry", "电子元器件批发", "province", "江苏省", "city", "常州市"), true);
        staff.post("/console/customers/" + customerId + "/contacts", java.util.Map.of("name", "周敏", "role", "物流主管",
                "phone", "+8651988001234"), true);
        staff.post("/console/customers/" + customerId + "/addresses", java.util.Map.of("address", "江苏省常州市新北区华山路18号"), true);
        staff.post("/console/standing/recompute", java.util.Map.of("customer", String.valueOf(customerId)), true);
        browser.open("/console/customers/" + customerId + "?lang=zh");
        browser.screenshot("console-customer", true);
        browser.signOutEverywhere();
    }

    private int score(String ref) {
        List<Integer> scores = jdbc.sql("select s.score from satisfaction_survey s join ticket t on t.id = s.ticket_id where t.ref = ?")
                .param(ref).query(Integer.class).list();
        return scores.isEmpty() || scores.get(0) == null ? 0 : scores.get(0);
    }

    private static String text(jakarta.mail.internet.MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            return "";
        }
    }
}
