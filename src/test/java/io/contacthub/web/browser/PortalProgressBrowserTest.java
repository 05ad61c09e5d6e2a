package io.contacthub.web.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.VerificationCodes;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestBackOffice;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.VerificationMail;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Customers following their business in the portal, in a real headless Chromium: a member stays signed in on every
 * portal page and sees their waybills and orders with the back-office systems' current status and their complaint
 * cases' steps; a general customer follows their ticket with a code sent to their own address.
 */
class PortalProgressBrowserTest extends BrowserTest {

    private static final String PASSWORD = "member-password-1";
    private static final Random RANDOM = new Random();

    @Autowired
    CustomerSurveys surveys;

    @Autowired
    PasswordEncoder encoder;

    @Override
    boolean signsInAsAdmin() {
        return false;
    }

    @BeforeEach
    void signedOut() {
        browser.signOutEverywhere();
    }

    @Test
    void memberStaysSignedInAcrossPortalPagesAndSeesFreshWaybillStatusOrderStatusAndComplaintSteps() {
        String login = "progress-" + unique();
        String email = login + "@example.com";
        member(login, email);
        String waybill = "SF" + (100_000_000_000L + RANDOM.nextLong(899_999_999_999L));
        String order = "SO" + (1_000_000_000L + RANDOM.nextLong(8_999_999_999L));
        TestBackOffice.shared().stubFor(get(TestBackOffice.TRACKING + "/waybills/" + waybill)
                .willReturn(okJson("{\"status\": \"IN_TRANSIT\", \"location\": \"Shanghai hub\"}")));
        TestBackOffice.shared().stubFor(get(TestBackOffice.ORDER + "/orders/" + order)
                .willReturn(okJson("{\"orderNumber\": \"" + order + "\", \"status\": \"SHIPPED\"}")));
        String parcelRef = mail(email, "Parcel and order " + unique(), "Where is my parcel? Waybill " + waybill
                + ". It belongs to order " + order + ".");
        String complaintRef = mail(email, "包裹破损投诉", "你好，我昨天收到的包裹外箱严重破损，里面的瓷器碎了。请处理并赔偿。");
        assertThat(mail(email, "[#" + complaintRef + "] 还是没人处理投诉", "我的投诉还没有人联系我，太差了！")).isEqualTo(complaintRef);
        long caseId = staffGet("/api/tickets/" + complaintRef + "/complaint").at("/complaint/id").asLong();
        String note = "INTERNAL: warehouse says the customer packed it badly " + unique();
        for (String step : List.of("{\"action\": \"ACKNOWLEDGE\"}", "{\"action\": \"NOTE\", \"text\": \"" + note + "\"}",
                "{\"action\": \"INVESTIGATE\"}")) {
            assertThat(staffPostJson("/api/complaints/" + caseId + "/steps", step).getStatusCode().is2xxSuccessful()).isTrue();
        }

        browser.signInMember(login, PASSWORD);
        assertThat(browser.path()).isEqualTo("/portal/tickets");
        // Every portal page knows the member: their name, their links, no sign-in link.
        for (String page : List.of("/portal?lang=zh", "/portal/message?lang=zh", "/portal/survey?lang=zh", "/portal/waybills?lang=zh")) {
            browser.open(page);
            assertThat(browser.find("#member-name").getText()).as(page).isEqualTo(login);
            assertThat(browser.all("nav a[href='/portal/tickets']")).as(page).hasSize(1);
            assertThat(browser.find("nav").getText()).as(page).doesNotContain("会员登录");
        }

        // A message from the form is the member's: it joins their tickets.
        String subject = "From the form " + unique();
        browser.open("/portal/message?lang=en");
        browser.type("#email", email);
        browser.type("#subject", subject);
        browser.type("#body", "Please call me about storage space.");
        browser.clickAndWait("#send");
        String reference = browser.await(Duration.ofSeconds(15), d -> d.findElement(By.id("reference"))).getText();
        String formRef = reference.substring(2, reference.length() - 1);
        browser.open("/portal/tickets");
        assertThat(browser.all("#my-tickets tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).contains(formRef, parcelRef);

        // The waybill's status is the tracking system's, asked when the page opens, with the time it was obtained.
        browser.open("/portal/waybills?lang=en");
        String row = "#waybills tr[data-waybill='" + waybill + "']";
        assertThat(browser.find(row).getText()).contains("In transit").contains("at Shanghai hub").contains("GMT");
        assertThat(browser.find("#orders tr[data-order='" + order + "']").getText()).contains("Shipped").contains(parcelRef);

        // The tracking system moves on: the page shows its new answer.
        TestBackOffice.shared().stubFor(get(TestBackOffice.TRACKING + "/waybills/" + waybill)
                .willReturn(okJson("{\"status\": \"DELIVERED\", \"description\": \"Signed for by Zhang\"}")));
        browser.await(Duration.ofSeconds(20), d -> {
            browser.open("/portal/waybills?lang=en");
            return browser.find(row).getText().contains("Delivered");
        });
        assertThat(browser.find(row).getText()).contains("Signed for by Zhang").doesNotContain("In transit");
        browser.screenshot("portal-member-waybills", true);

        // The tracking system goes down: the last status stays, with its time, and says it could not be refreshed.
        TestBackOffice.shared().stubFor(get(TestBackOffice.TRACKING + "/waybills/" + waybill)
                .willReturn(aResponse().withStatus(503)));
        browser.await(Duration.ofSeconds(20), d -> {
            browser.open("/portal/waybills?lang=en");
            return browser.find(row).getText().contains("Could not be refreshed");
        });
        assertThat(browser.find(row).getText()).contains("Delivered").contains("GMT");
        assertThat(browser.find("h1").getText()).isEqualTo("My waybills and orders");

        // The complaint case: where it stands, the promised dates and the steps, in the customer's words only.
        browser.open("/portal/complaints?lang=en");
        String complaint = browser.find("[data-case='" + complaintRef + "']").getText();
        assertThat(complaint).contains("Being investigated").contains("First answer promised by")
                .contains("Resolution promised by").contains("Your complaint was registered")
                .contains("You wrote to us again").contains("We confirmed your complaint to you").contains("We are investigating");
        assertThat(browser.driver.getPageSource()).doesNotContain(note).doesNotContain("admin");
        browser.open("/portal/complaints?lang=zh");
        assertThat(browser.find("[data-case='" + complaintRef + "']").getText()).contains("调查中").contains("我们已向您确认受理")
                .contains("承诺解决时间");
    }

    @Test
    void generalCustomerFollowsTheirTicketWithTheCodeSentToTheirAddressAndNothingElseShowsIt() {
        String email = "follower-" + unique() + "@example.cn";
        String subject = "仓储入库预约 " + unique();
        browser.open("/portal/message?lang=zh");
        browser.type("#name", "李雷");
        browser.type("#email", email);
        browser.type("#subject", subject);
        browser.type("#body", "你好，我想预约下周三的仓储入库。");
        browser.clickAndWait("#send");
        String reference = browser.await(Duration.ofSeconds(15), d -> d.findElement(By.id("reference"))).getText();
        String ref = reference.substring(2, reference.length() - 1);
        // Someone else's ticket, whose reference the customer might type by mistake (or on purpose).
        String otherSubject = "别人的私事 " + unique();
        String otherRef = readJson(postMessage("""
                {"email": "other-%s@example.cn", "subject": "%s", "body": "我的地址是秘密路 9 号"}""".formatted(unique(), otherSubject),
                UUID.randomUUID().toString()).getBody()).path("ticket").asText();

        browser.open("/portal?lang=zh");
        browser.clickAndWait("#nav-follow");
        browser.type("#reference", ref);
        browser.clickAndWait("#follow-send");
        assertThat(browser.find("#follow-sent").getText()).contains("如果该编号存在");

        // A wrong code shows nothing of the ticket.
        String code = VerificationMail.awaitCode(email, 0);
        browser.type("#code", code.equals("000000") ? "111111" : "000000");
        browser.clickAndWait("#follow-submit");
        assertThat(browser.find("#follow-error").getText()).contains("验证码错误");
        assertThat(browser.driver.getPageSource()).doesNotContain(subject);

        // The code from their mailbox shows their ticket: its status and what was sent to them.
        browser.type("#code", code);
        browser.clickAndWait("#follow-submit");
        assertThat(browser.path()).isEqualTo("/portal/follow/ticket");
        assertThat(browser.find("#ticket-ref").getText()).isEqualTo(ref);
        assertThat(browser.find("#ticket-status").getText()).isEqualTo("处理中");
        assertThat(browser.find("#follow-until").getText()).contains("GMT");
        browser.await(Duration.ofSeconds(20), d -> {
            browser.open("/portal/follow/ticket?lang=zh");
            return browser.find("#timeline").getText().contains("感谢您联系我们");
        });
        assertThat(browser.find("#timeline").getText()).contains("我想预约下周三的仓储入库").contains(ref);
        browser.screenshot("portal-follow", true);

        // Another ticket's reference with the same (used) code: nothing about either ticket.
        browser.open("/portal/follow?lang=zh");
        browser.type("#reference", otherRef);
        browser.clickAndWait("#follow-send");
        browser.type("#code", code);
        browser.clickAndWait("#follow-submit");
        assertThat(browser.find("#follow-error").getText()).contains("验证码错误");
        assertThat(browser.driver.getPageSource()).doesNotContain(otherSubject).doesNotContain("秘密路");
        browser.open("/portal/follow/ticket");
        assertThat(browser.path()).isEqualTo("/portal/follow");
    }

    private void member(String login, String email) {
        long survey = surveys.submit(new CustomerSurveys.Answers(null, "Progress Member", email, null, null, null, null, null,
                "EMAIL", null, true, login, encoder.encode(PASSWORD)));
        surveys.markProven(survey, new VerificationCodes.Proved("EMAIL", email));
        surveys.approve(survey, "admin");
    }

    /** A member's own mail: the mail proves the address, so it joins the member's record. */
    private String mail(String email, String subject, String body) {
        MailFixtures mail = MailFixtures.mail().from(email).subject(subject).text(body);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode message = awaitSettled("EMAIL", mail.messageId());
        return message.path("ref").asText();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
