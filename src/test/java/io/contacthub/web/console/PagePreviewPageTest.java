package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ticket page as an agent opens it: a fax or PDF whose pages are over the OCR limits shows why
 * there is no preview (in the agent's language) instead of the rendered pages, and its pages.png is
 * not rendered; an ordinary fax page beside it still shows as an image.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagePreviewPageTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    private String ref;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void mailWithACraftedFaxACraftedPdfAndAnOrdinaryFax() throws IOException {
        byte[] fax = FaxFixtures.g4Tiff(List.of(FaxFixtures.faxPage(List.of("Delivery note"), 204, 196, 3, 14, 0, 0, 7)),
                204, 196);
        MailFixtures mail = MailFixtures.mail().from("preview-" + UUID.randomUUID() + "@example.com")
                .subject("Scans " + UUID.randomUUID()).text("see the scans")
                .attach("huge.tif", "image/tiff", PagePreviewLimitsTest.hugeTiff(60_000, 60_000))
                .attach("huge.pdf", "application/pdf", hugePdfWithText())
                .attach("fax.tif", "image/tiff", fax);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode message = awaitSettled("EMAIL", mail.messageId());
        ref = message.path("ref").asText();
        staffGet("/api/tickets/" + ref).at("/timeline/0/files")
                .forEach(f -> ids.put(f.path("fileName").asText(), f.path("id").asText()));
        assertThat(ids).containsKeys("huge.tif", "huge.pdf", "fax.tif");
    }

    @Test
    void oversizePagesShowTheRefusalInsteadOfTheImageInEnglish() throws Exception {
        FormSession agent = signedIn();
        String page = agent.get("/console/tickets/" + ref + "?lang=en").body();
        assertThat(page).contains("data-preview-refused=\"" + ids.get("huge.tif") + "\"")
                .contains("No preview: page 1 is 60,000 × 60,000 pixels, over the limit of 40,000,000 pixels a page")
                .contains("data-preview-refused=\"" + ids.get("huge.pdf") + "\"")
                .contains("No preview: page 1 is 10,000 × 10,000 pixels")
                .doesNotContain("/console/attachments/" + ids.get("huge.tif") + "/pages.png")
                .doesNotContain("/console/attachments/" + ids.get("huge.pdf") + "/pages.png")
                .contains("/console/attachments/" + ids.get("fax.tif") + "/pages.png")
                .doesNotContain("data-preview-refused=\"" + ids.get("fax.tif") + "\"");
    }

    @Test
    void refusalIsInChineseForAChineseConsole() throws Exception {
        String page = signedIn().get("/console/tickets/" + ref + "?lang=zh").body();
        assertThat(page).contains("不显示预览：第 1 页为 60,000 × 60,000 像素，超过每页 40,000,000 像素的上限");
    }

    @Test
    void oversizePagesAreNeverRenderedWhileAnOrdinaryFaxIs() throws Exception {
        FormSession agent = signedIn();
        assertThat(agent.get("/console/attachments/" + ids.get("huge.tif") + "/pages.png").statusCode()).isEqualTo(404);
        assertThat(agent.get("/console/attachments/" + ids.get("huge.pdf") + "/pages.png").statusCode()).isEqualTo(404);
        HttpResponse<String> fax = agent.get("/console/attachments/" + ids.get("fax.tif") + "/pages.png");
        assertThat(fax.statusCode()).isEqualTo(200);
        assertThat(fax.headers().firstValue("Content-Type")).contains("image/png");
        // the hub is still well after the crafted files were asked for
        assertThat(agent.get("/console/tickets/" + ref).statusCode()).isEqualTo(200);
    }

    private FormSession signedIn() throws Exception {
        FormSession agent = new FormSession(port);
        assertThat(agent.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        return agent;
    }

    /** A PDF with a text layer (so nothing is OCR'd) on a 100 × 100 inch page. */
    private static byte[] hugePdfWithText() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(MailFixtures.pdf("Delivery note for order SO2026009999, see the attached scan"));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.getPage(0).setMediaBox(new PDRectangle(7200, 7200));
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
