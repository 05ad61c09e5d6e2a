package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.customer.CustomerSurveys;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The customer portal in a real headless Chromium: general customers, the survey, members and their privacy. */
class PortalBrowserTest extends BrowserTest {

    private static final String PASSWORD = "member-password-1";

    @Autowired
    CustomerSurveys surveys;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Override
    boolean signsInAsAdmin() {
        return false;
    }

    @BeforeEach
    void signedOut() {
        browser.signOutEverywhere();
    }

    @Test
    void generalCustomersMessageBecomesATicketWithAReferenceTheyCanQuote() {
        String subject = "留言 portal " + UUID.randomUUID().toString().substring(0, 8);
        browser.open("/portal/message?lang=zh");
        assertThat(browser.find("h1").getText()).isEqualTo("留言");
        browser.type("#name", "王芳");
        browser.type("#email", "wang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn");
        browser.type("#subject", subject);
        browser.type("#body", "你好，我想预约下周三的仓储入库，运单号 SF123456789099。");
        browser.screenshot("portal-message", true);
        browser.clickAndWait("#send");

        String reference = browser.await(Duration.ofSeconds(15), d -> d.findElement(By.id("reference"))).getText();
        assertThat(reference).matches("\\[#CH-\\d+]");
        String ref = reference.substring(2, reference.length() - 1);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/ticket/subject").asText()).isEqualTo(subject);
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("WEB");
        assertThat(ticket.at("/timeline/0/body").asText()).contains("预约下周三的仓储入库");
        assertThat(ticket.at("/timeline/0/entities/waybillNumbers/0").asText()).isEqualTo("SF123456789099");
        // The refresh of the answer page does not file the message twice: the form token is its idempotency key.
        browser.driver.navigate().refresh();
        try {
            browser.driver.switchTo().alert().accept();
        } catch (org.openqa.selenium.NoAlertPresentException e) {
            // headless Chromium re-posts without asking
        }
        assertThat(browser.find("#reference").getText()).isEqualTo(reference);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);
    }

    @Test
    void invalidMessageIsShownAgainWithTheReasonAndNothingIsFiled() {
        browser.open("/portal/message?lang=en");
        String subject = "No address " + UUID.randomUUID();
        browser.type("#subject", subject);
        browser.type("#body", "I forgot to say how to reach me");
        browser.clickAndWait("#send");
        assertThat(browser.find("#message-form").getText()).contains("give an e-mail address or a phone number");
        assertThat(browser.find("#subject").getAttribute("value")).isEqualTo(subject);
        assertThat(staffGet("/api/tickets?limit=500").findValuesAsText("subject")).doesNotContain(subject);
    }

    @Test
    void surveyMembershipApprovedByStaffLetsTheMemberSignInAndWorkOnlyTheirOwnTickets() {
        String login = "member-a-" + UUID.randomUUID().toString().substring(0, 6);
        String emailA = login + "@example.com";
        browser.open("/portal/survey?lang=en");
        browser.type("#company", "Acme Trading 贸易有限公司");
        browser.type("#contactName", "Zhang Min");
        browser.type("#email", emailA);
        browser.type("#region", "Shanghai");
        browser.type("#monthlyShipments", "300");
        browser.find("#wantsMembership").click();
        browser.type("#login", login);
        browser.type("#password", PASSWORD);
        browser.clickAndWait("#send");

        // A member login needs proof of the address: the code arrives in A's mailbox and is typed in.
        assertThat(browser.find("#proof").getText()).contains("m***@example.com".replace("m***", login.charAt(0) + "***"));
        browser.type("#code", io.contacthub.testsupport.VerificationMail.awaitCode(emailA, 0));
        browser.clickAndWait("#proof-submit");
        assertThat(browser.find("#survey-sent").getText()).contains("review your membership request");
        assertThat(browser.find("#survey-proven").getText()).contains("confirmed");

        // Not a member before approval.
        browser.signInMember(login, PASSWORD);
        assertThat(browser.path()).isEqualTo("/portal/login?error");

        // A supervisor (here: the admin) approves it in the console, in the same browser.
        browser.signInStaff("admin", ADMIN_PASSWORD);
        browser.open("/console/surveys");
        WebElement survey = browser.all("[data-survey]").stream().filter(e -> e.getText().contains(login)).findFirst().orElseThrow();
        browser.clickAndWait(survey.findElement(By.cssSelector("button.approve")));
        browser.signOutEverywhere();

        // Member B, approved the same way, and each with a ticket of their own.
        String loginB = "member-b-" + UUID.randomUUID().toString().substring(0, 6);
        long surveyB = surveys.submit(new CustomerSurveys.Answers(null, "Member B", loginB + "@example.com", null, null, null,
                null, null, "EMAIL", null, true, loginB, encoder.encode(PASSWORD)));
        surveys.markProven(surveyB, new io.contacthub.customer.VerificationCodes.Proved("EMAIL", loginB + "@example.com"));
        surveys.approve(surveyB, "admin");
        // The tracking system (WireMock standing in for it) knows A's waybill.
        String waybill = "SF" + (100_000_000_000L + new java.util.Random().nextLong(899_999_999_999L));
        io.contacthub.testsupport.TestBackOffice.shared().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(io.contacthub.testsupport.TestBackOffice.TRACKING + "/waybills/" + waybill)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"status\": \"IN_TRANSIT\", \"location\": \"Shanghai hub\"}")));
        String refA = mailMessage(emailA, "A's parcel " + UUID.randomUUID(), "Where is my parcel? Waybill " + waybill);
        String subjectB = "B's private matter " + UUID.randomUUID();
        String refB = mailMessage(loginB + "@example.com", subjectB, "B's secret address: 1 Secret Road");

        // Staff keep an internal note on A's ticket: it is for staff only.
        jdbc.sql("insert into ticket_note (ticket_id, author, body) select id, 'admin', 'INTERNAL: customer is difficult' from ticket where ref = ?")
                .param(refA).update();

        browser.signInMember(login, PASSWORD);
        assertThat(browser.path()).isEqualTo("/portal/tickets");
        assertThat(browser.all("#my-tickets tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).containsExactly(refA);
        browser.screenshot("portal-member-tickets", true);

        // Guessing B's ticket URL shows nothing of it: the same answer as for a ticket that does not exist.
        browser.open("/portal/tickets/" + refB);
        assertThat(browser.find("#error-page").getText()).contains("404");
        assertThat(browser.driver.getPageSource()).doesNotContain(subjectB).doesNotContain("Secret Road");
        browser.open("/portal/tickets/CH-999999");
        assertThat(browser.find("#error-page").getText()).contains("404");

        browser.open("/portal/tickets/" + refA);
        assertThat(browser.find("#timeline").getText()).contains("Where is my parcel?");
        assertThat(browser.driver.getPageSource()).doesNotContain("INTERNAL: customer is difficult");

        // Nor can A write into B's ticket with a forged post (a valid session and CSRF token of A's own).
        Object forged = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('#answer-form input[name=_csrf]').value;
                fetch('/portal/tickets/' + arguments[0] + '/replies', {method: 'POST', redirect: 'manual',
                      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                      body: '_csrf=' + encodeURIComponent(token) + '&body=injected'}).then(r => done(r.status));
                """, refB);
        assertThat(forged).isEqualTo(404L);
        assertThat(staffGet("/api/tickets/" + refB).path("timeline")).hasSize(1);

        // A answers in the thread; the answer joins the same ticket through the web intake.
        browser.open("/portal/tickets/" + refA);
        browser.type("#answer-body", "Also: please deliver before 5 pm.");
        browser.clickAndWait("#send-answer");
        browser.await(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector("#timeline [data-kind=IN]")).size() == 2);
        assertThat(browser.find("#timeline").getText()).contains("please deliver before 5 pm");
        JsonNode ticketA = staffGet("/api/tickets/" + refA);
        assertThat(ticketA.path("timeline")).hasSize(2);
        assertThat(ticketA.at("/timeline/1/channel").asText()).isEqualTo("WEB");

        browser.await(Duration.ofSeconds(20), d -> {
            d.navigate().to(d.getCurrentUrl().replaceAll("/portal/.*", "/portal/waybills?lang=en"));
            return d.findElement(By.id("waybills")).getText().contains("In transit");
        });
        assertThat(browser.find("#waybills").getText()).contains(waybill).contains(refA).contains("In transit");

        // A member's session is no staff session.
        browser.open("/console");
        assertThat(browser.path()).isEqualTo("/login");
        browser.open("/console/tickets/" + refB);
        assertThat(browser.path()).isEqualTo("/login");
    }

    @Test
    void surveyWithoutAWayToReachTheCustomerIsShownAgainWithTheReason() {
        browser.open("/portal/survey?lang=en");
        browser.type("#contactName", "Nobody");
        browser.find("#wantsMembership").click();
        browser.type("#login", "x");
        browser.type("#password", "short");
        browser.clickAndWait("#send");
        String page = browser.find("#survey-form").getText();
        assertThat(page).contains("a member login needs an e-mail address").contains("must be 3-64 letters")
                .contains("at least 10 characters");
        assertThat(browser.find("#contactName").getAttribute("value")).isEqualTo("Nobody");
        assertThat(browser.find("#password").getAttribute("value")).isEmpty();
    }

    @Test
    void startPageLeadsStaffToTheConsoleAndCustomersToThePortal() {
        browser.open("/?lang=zh");
        assertThat(browser.find("h1").getText()).isEqualTo("欢迎使用客服中心");
        browser.clickAndWait(browser.driver.findElement(By.linkText("客户服务门户")));
        assertThat(browser.path()).isEqualTo("/portal");
        browser.open("/?lang=en");
        browser.clickAndWait(browser.driver.findElement(By.linkText("Staff console")));
        assertThat(browser.path()).isEqualTo("/login");
    }

    @Test
    void staffCredentialsDoNotSignInToThePortal() {
        browser.signInMember("admin", ADMIN_PASSWORD);
        assertThat(browser.path()).isEqualTo("/portal/login?error");
        browser.open("/portal/tickets");
        assertThat(browser.path()).isEqualTo("/portal/login");
    }

    /** A member's own mail: the mail proves the address, so it joins the member's record (a web form would not). */
    private String mailMessage(String email, String subject, String body) {
        var mail = io.contacthub.testsupport.MailFixtures.mail().from(email).subject(subject).text(body);
        io.contacthub.testsupport.TestMailServer.deliver(io.contacthub.testsupport.TestMailServer.IMAP_USER, mail.build());
        return awaitSettled("EMAIL", mail.messageId()).path("ref").asText();
    }
}
