package io.contacthub.testsupport;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Builds test mails as raw RFC 822 bytes, the way a mail client would send them. */
public final class MailFixtures {

    private final Session session = Session.getInstance(new Properties());
    private String from = "customer@example.com";
    private String fromName;
    private String to = "support@localhost";
    private String subject = "Test";
    private String messageId = "<" + UUID.randomUUID() + "@client.example>";
    private String text;
    private String textCharset = "UTF-8";
    private String html;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<MimeBodyPart> attachments = new ArrayList<>();

    public static MailFixtures mail() {
        return new MailFixtures();
    }

    public MailFixtures from(String address) {
        this.from = address;
        return this;
    }

    public MailFixtures fromName(String name) {
        this.fromName = name;
        return this;
    }

    public MailFixtures to(String address) {
        this.to = address;
        return this;
    }

    public MailFixtures subject(String subject) {
        this.subject = subject;
        return this;
    }

    public MailFixtures messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    public String messageId() {
        return messageId;
    }

    public MailFixtures text(String text) {
        this.text = text;
        return this;
    }

    /** Text body encoded in the given charset (e.g. GBK, Big5). */
    public MailFixtures text(String text, String charset) {
        this.text = text;
        this.textCharset = charset;
        return this;
    }

    public MailFixtures html(String html) {
        this.html = html;
        return this;
    }

    public MailFixtures header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public MailFixtures attach(String fileName, String contentType, byte[] content) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
            part.setFileName(fileName);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            attachments.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] build() {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(fromName == null ? new InternetAddress(from) : new InternetAddress(from, fromName, "UTF-8"));
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            MimeBodyPart textPart = null;
            if (text != null) {
                textPart = new MimeBodyPart();
                textPart.setText(text, textCharset);
            }
            MimeBodyPart htmlPart = null;
            if (html != null) {
                htmlPart = new MimeBodyPart();
                htmlPart.setContent(html, "text/html; charset=UTF-8");
            }
            MimeBodyPart body;
            if (textPart != null && htmlPart != null) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(textPart);
                alternative.addBodyPart(htmlPart);
                body = new MimeBodyPart();
                body.setContent(alternative);
            } else {
                body = textPart != null ? textPart : htmlPart;
            }
            if (attachments.isEmpty()) {
                if (body == textPart && textPart != null) {
                    message.setText(text, textCharset);
                } else if (body == htmlPart && htmlPart != null) {
                    message.setContent(html, "text/html; charset=UTF-8");
                } else if (body != null) {
                    message.setContent((MimeMultipart) body.getContent());
                }
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                if (body != null) {
                    mixed.addBodyPart(body);
                }
                for (MimeBodyPart attachment : attachments) {
                    mixed.addBodyPart(attachment);
                }
                message.setContent(mixed);
            }
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF with a text layer containing the given lines (Latin text). */
    public static byte[] pdf(String... lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
