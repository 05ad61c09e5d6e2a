package io.contacthub.channel.email;

import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.PhotoFixtures;
import io.contacthub.testsupport.TestMailServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Photos and scans attached to mail, fetched by the running hub and OCR'd by the real Tesseract
 * (chi_sim+eng): their text is the attachment's text, part of the contact's searchable text and
 * entities. The test hub allows 3 OCR'd pages per message (HubIntegrationTest).
 */
class EmailAttachmentOcrTest extends HubIntegrationTest {

    /** A photo (grain, specks, a 1.5° turn) read with at most 10 % of characters wrong, as a fine fax. */
    private static final double PHOTO_CER = 0.10;

    @Test
    void photographedDeliveryNoteIsOcrdAndItsWaybillNumberThreadsTheCustomersTicket() {
        String customer = "photo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String waybill = "SF" + digits(13);
        MailFixtures question = mail().from(customer).subject("运单 " + waybill + " 到哪了？")
                .text("你好，请问运单 " + waybill + " 什么时候送到？");
        TestMailServer.deliver(TestMailServer.IMAP_USER, question.build());
        String ref = awaitSettled("EMAIL", question.messageId()).path("ref").asText();

        List<String> note = List.of("送货单 DELIVERY NOTE", "收货人：王芳", "收货地址：上海市徐汇区漕溪北路18号",
                "货物：办公家具 3件", "运单号：" + waybill, "外箱破损，已拍照");
        byte[] png = PhotoFixtures.png(PhotoFixtures.photo(note, 34, 1.5, 0, 0.002, 11));
        // nothing in the subject or text names the waybill: only the photo does
        MailFixtures photo = mail().from(customer).subject("照片").text("见附件照片。")
                .attach("IMG_2041.png", "image/png", png);
        TestMailServer.deliver(TestMailServer.IMAP_USER, photo.build());

        JsonNode message = awaitSettled("EMAIL", photo.messageId());
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("ref").asText()).as("threaded by the waybill number read from the photo").isEqualTo(ref);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        JsonNode contact = contactWithSubject(ticket, "照片");
        JsonNode file = contact.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("IMG_2041.png");
        assertThat(file.path("extractedBy").asText()).matches("ocr:pp-ocrv4:ch\\+en \\(mean confidence \\d+\\.\\d\\)");
        assertThat(file.path("extractionError").isMissingNode() || file.path("extractionError").isNull()).isTrue();
        assertThat(characterErrorRate(String.join("\n", note), file.path("text").asText()))
                .as(file.path("text").asText()).isLessThan(PHOTO_CER);
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains(waybill);
    }

    @Test
    void scannedPdfIsOcrdWhileAPdfWithATextLayerIsNot() {
        String order = "SO" + digits(10);
        List<String> form = List.of("TRANSPORT ORDER FORM", "Company Name: Harbour Freight Ltd",
                "Goods Description: Spare parts", "Pieces: 8", "Order No: " + order);
        byte[] scan = FaxFixtures.scannedPdf(List.of(FaxFixtures.faxPage(form, 204, 196, 2.5, 12, 0.5, 0.001, 21)));
        byte[] typed = MailFixtures.pdf("Packing list", "Order " + order, "8 cartons");
        MailFixtures mail = mail().from("scans-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
                .subject("Order form").text("Scanned order form and packing list attached.")
                .attach("order-form.pdf", "application/pdf", scan).attach("packing-list.pdf", "application/pdf", typed);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = awaitSettled("EMAIL", mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        JsonNode scanned = file(contact, "order-form.pdf");
        assertThat(scanned.path("extractedBy").asText()).startsWith("ocr:pp-ocrv4:ch+en (mean confidence");
        assertThat(characterErrorRate(String.join("\n", form), scanned.path("text").asText()))
                .as(scanned.path("text").asText()).isLessThan(PHOTO_CER);
        JsonNode textLayer = file(contact, "packing-list.pdf");
        assertThat(textLayer.path("extractedBy").asText()).isEqualTo("tika:PDFParser (text layer, not OCR'd)");
        assertThat(textLayer.path("text").asText()).contains("Order " + order);
        assertThat(contact.at("/entities/orderNumbers").toString()).contains(order);
    }

    @Test
    void tinyInlineLogoAndTrackingPixelAreSkippedAndACorruptPhotoIsReportedWhileTheMailIsProcessed() throws Exception {
        byte[] corrupt = PhotoFixtures.truncatedPng(PhotoFixtures.png(PhotoFixtures.photo(List.of("运单号：SF1234"), 30, 0, 0, 0, 5)));
        String messageId = "<" + UUID.randomUUID() + "@client.example>";
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress("signature-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        mime.setRecipients(Message.RecipientType.TO, "support@localhost");
        mime.setSubject("Damaged carton", "UTF-8");
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>The carton arrived damaged, photo attached.</p><p><img src=\"cid:logo\"><img src=\"cid:pixel\"></p>",
                "text/html; charset=UTF-8");
        related.addBodyPart(html);
        related.addBodyPart(inline("logo.png", "image/png", PhotoFixtures.logo(180, 50), "<logo>"));
        related.addBodyPart(inline("pixel.png", "image/png", PhotoFixtures.logo(1, 1), "<pixel>"));
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(related);
        mixed.addBodyPart(body);
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new DataHandler(new ByteArrayDataSource(corrupt, "image/png")));
        photo.setFileName("carton.png");
        photo.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(photo);
        mime.setContent(mixed);
        mime.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mime.writeTo(raw);
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw.toByteArray());

        JsonNode message = awaitSettled("EMAIL", messageId);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        assertThat(contact.path("body").asText()).contains("arrived damaged");
        assertThat(contact.path("files")).hasSize(3);
        assertThat(file(contact, "logo.png").path("extractionError").asText())
                .isEqualTo("not OCR'd: a small image (180×50 pixels, under 40000, hub.ocr.min-image-pixels): "
                        + "logos, signature images and tracking pixels are skipped");
        assertThat(file(contact, "pixel.png").path("extractionError").asText()).startsWith("not OCR'd: a small image (1×1 pixels");
        JsonNode broken = file(contact, "carton.png");
        assertThat(broken.path("extractionError").asText()).startsWith("image/png: corrupt or unreadable image");
        assertThat(broken.path("size").asLong()).as("kept as sent").isEqualTo(corrupt.length);
    }

    @Test
    void photosBeyondTheMessagesOcrAllowanceAreKeptNotOcrdWithTheReason() {
        MailFixtures mail = mail().from("many-photos-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
                .subject("Four labels").text("Photos of the four labels.");
        for (int i = 1; i <= 4; i++) {
            byte[] label = PhotoFixtures.png(PhotoFixtures.photo(List.of("运单号：YT90000000000" + i + "0"), 30, 0.5, 0, 0, 30 + i));
            mail.attach("label-" + i + ".png", "image/png", label);
        }
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        JsonNode message = awaitSettled("EMAIL", mail.messageId());
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        for (int i = 1; i <= 3; i++) {
            assertThat(file(contact, "label-" + i + ".png").path("extractedBy").asText()).startsWith("ocr:pp-ocrv4");
        }
        JsonNode fourth = file(contact, "label-4.png");
        assertThat(fourth.path("text").isMissingNode() || fourth.path("text").isNull()).isTrue();
        assertThat(fourth.path("extractionError").asText()).isEqualTo("not OCR'd: 1 page to OCR, none left "
                + "(hub.ocr.max-attachment-pages-per-message is 3 per message)");
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("YT9000000000010").doesNotContain("YT9000000000040");
    }

    private static MimeBodyPart inline(String name, String type, byte[] content, String contentId) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(Part.INLINE);
        part.setContentID(contentId);
        return part;
    }

    private static JsonNode file(JsonNode contact, String name) {
        for (JsonNode f : contact.path("files")) {
            if (f.path("fileName").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no file " + name + " in " + contact.path("files"));
    }

    private static JsonNode contactWithSubject(JsonNode ticket, String subject) {
        for (JsonNode c : ticket.path("timeline")) {
            if (c.path("subject").asText().equals(subject)) {
                return c;
            }
        }
        throw new AssertionError("no contact '" + subject + "' in " + ticket.path("timeline"));
    }

    static String digits(int n) {
        StringBuilder s = new StringBuilder();
        s.append(1 + ThreadLocalRandom.current().nextInt(9));
        while (s.length() < n) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
