package io.contacthub.web.browser;

import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.FaxFixtures.faxPage;
import static io.contacthub.testsupport.FaxFixtures.g4Tiff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The letter form in a real headless Chromium: staff find the customer (results appear in the form without a
 * reload, what they typed stays), vouch for the customer's address, attach the scan and log it onto the
 * customer's ticket, where the scan's OCR text shows.
 */
class LetterFormBrowserTest extends BrowserTest {

    static final List<String> PAGE = List.of("客户来信", "尊敬的客服中心：", "我公司上周寄出的样品需要改送新地址。",
            "新地址：杭州市西湖区文三路200号", "联系人：王芳");

    @Test
    void staffFindTheCustomerVouchAttachTheScanAndTheLetterLandsOnTheirTicketWithItsText() throws Exception {
        String address = "wang.fang." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        JsonNode posted = readJson(postMessage("""
                {"name": "王芳", "email": "%s", "subject": "样品改地址", "body": "样品需要改送新地址，稍后寄信确认。"}"""
                .formatted(address), null).getBody());
        String ref = posted.path("ticket").asText();
        long customer = staffGet("/api/tickets/" + ref).at("/customer/id").asLong();
        Path scan = Files.createTempFile("letter-", ".tif");
        Files.write(scan, g4Tiff(List.of(faxPage(PAGE, 204, 196, 5.5, 14, 0.3, 0.001, 1)), 204, 196));

        browser.open("/console/letters/new?lang=en");
        browser.type("#text", "Signed letter confirming the new address.");
        browser.type("#lookup-q", address);
        browser.find("#lookup").click();
        String choice = customer + ":EMAIL:" + address;
        browser.await(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("input[name=vouch][value='" + choice + "']")).isEmpty());
        assertThat(browser.find("#text").getAttribute("value")).as("the lookup does not reload the form")
                .isEqualTo("Signed letter confirming the new address.");
        assertThat(browser.find("#lookup-results").getText()).contains(ref);
        browser.find("input[name=vouch][value='" + choice + "']").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#checked")).selectByValue("LETTERHEAD");
        browser.type("#ticket", ref);
        // A file over hub.letter.max-file-bytes is refused in the page, before any upload.
        Path huge = Files.createTempFile("letter-huge-", ".pdf");
        Files.write(huge, new byte[8 * 1024 * 1024 + 1]);
        browser.find("#scan").sendKeys(huge.toAbsolutePath().toString());
        assertThat(browser.driver.executeScript("return document.getElementById('scan').validity.valid;")).isEqualTo(false);
        assertThat((String) browser.driver.executeScript("return document.getElementById('scan').validationMessage;"))
                .contains("larger than 8,388,608 bytes");
        browser.driver.executeScript("document.getElementById('scan').value = '';");
        Files.deleteIfExists(huge);
        browser.find("#scan").sendKeys(scan.toAbsolutePath().toString());
        assertThat(browser.driver.executeScript("return document.getElementById('scan').validity.valid;")).isEqualTo(true);
        browser.screenshot("console-letter-form", false);
        browser.clickAndWait("#log-letter");

        assertThat(browser.path()).startsWith("/console/tickets/" + ref);
        assertThat(browser.find("main").getText()).contains("Logged: the contact is on this ticket.");
        String ocr = staffGet("/api/tickets/" + ref).at("/timeline/1/files/0/text").asText();
        assertThat(characterErrorRate(String.join("\n", PAGE), ocr)).as(ocr).isLessThan(0.15);
        assertThat(browser.find("#timeline").getText()).contains("Signed letter confirming the new address.")
                .contains(ocr.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow());
        browser.driver.executeScript("var a = document.querySelectorAll('#timeline article.IN'); a[a.length - 1].scrollIntoView();");
        browser.screenshot("console-letter-ticket", false);
        Files.deleteIfExists(scan);
    }
}
