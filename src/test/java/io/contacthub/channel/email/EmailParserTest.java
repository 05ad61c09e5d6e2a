package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.ParsedContent;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.intake.UnreadableMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** EmailParser on mail generated in the test (the corpus tests cover real third-party mail). */
class EmailParserTest {

    private final EmailParser parser = new EmailParser(new DocumentTextExtractor(200000));

    private ParsedContent parse(String mail) {
        return parser.parse(mail.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textWithoutAnyHeaderFieldIsRefusedAsNotAnEmail() {
        assertThatThrownBy(() -> parse("Hello, this is just a text file\nwith two lines\n"))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("no header fields");
    }

    @Test
    void emptyInputIsRefusedAsNotAnEmail() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("no header fields");
    }

    @Test
    void mimeNestingDeeperThanMaxDepthIsRefused() {
        String mail = nestedMultiparts(EmailParser.MAX_DEPTH + 5);
        assertThatThrownBy(() -> parse(mail))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("nested deeper than " + EmailParser.MAX_DEPTH);
    }

    @Test
    void aPlainTextAlternativeIsReadWithoutDecodingTheHtmlOneAfterIt() {
        // The HTML alternative is never used when plain text comes first, so one Angus Mail cannot decode
        // (an unknown transfer encoding) no longer fails the mail, and is not decoded for nothing (issue 17).
        String mail = alternative("Content-Type: text/plain; charset=utf-8\n\nWhere is order SO2026000123?\n",
                "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: x-unheard-of\n\n<p>Where?</p>\n");
        assertThat(parse(mail).body()).isEqualTo("Where is order SO2026000123?");
    }

    @Test
    void anHtmlAlternativeIsReadWhenThePlainTextOneIsBlank() {
        String mail = alternative("Content-Type: text/plain; charset=utf-8\n\n   \n",
                "Content-Type: text/html; charset=utf-8\n\n<p>Where is <b>my</b> parcel?</p>\n");
        assertThat(parse(mail).body()).isEqualTo("Where is my parcel?");
    }

    /** A multipart/alternative mail with these two parts (each its headers, a blank line and its body), in order. */
    private static String alternative(String first, String second) {
        return "From: a@example.com\nSubject: alt\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=alt\n\n"
                + "--alt\n" + first + "--alt\n" + second + "--alt--\n";
    }

    @Test
    void nestingWithinMaxDepthIsRead() {
        assertThat(parse(nestedMultiparts(EmailParser.MAX_DEPTH - 2)).body()).isEqualTo("innermost");
    }

    private static String nestedMultiparts(int levels) {
        StringBuilder mail = new StringBuilder("From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n");
        for (int i = 0; i < levels; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        mail.append("Content-Type: text/plain\n\ninnermost\n");
        for (int i = levels - 1; i >= 0; i--) {
            mail.append("--b").append(i).append("--\n");
        }
        return mail.toString();
    }

    @Test
    void textBodyWithUnknownTransferEncodingIsRefusedNamingTheEncoding() {
        String mail = """
                From: a@example.com
                Subject: bogus
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: x-bogus

                scrambled
                """;
        assertThatThrownBy(() -> parse(mail))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("x-bogus");
    }

    @Test
    void htmlOnlyMailKeepsVisibleTextAndDropsScripts() {
        String mail = """
                From: "Web Shop" <shop@example.com>
                Subject: Your order
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html><head><script>alert('stolen cookie')</script><style>p{color:red}</style></head>
                <body><p>Order 4711 has shipped.</p><script>document.write('injected')</script></body></html>
                """;
        ParsedContent parsed = parse(mail);
        assertThat(parsed.body()).contains("Order 4711 has shipped.")
                .doesNotContain("alert", "stolen cookie", "injected", "color:red", "<p>");
        assertThat(parsed.senderName()).isEqualTo("Web Shop");
    }

    @Test
    void attachedMessageIsStoredAsEmlFileWithItsText() {
        String mail = """
                From: forwarder@example.com
                Subject: Fwd: complaint
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: text/plain

                See the attached mail.
                --outer
                Content-Type: message/rfc822

                From: Angry Customer <angry@example.org>
                Subject: Broken parcel
                Content-Type: text/plain

                The parcel arrived broken.
                --outer--
                """;
        ParsedContent parsed = parse(mail);
        assertThat(parsed.body()).isEqualTo("See the attached mail.");
        assertThat(parsed.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("Broken parcel.eml");
            assertThat(f.contentType()).isEqualTo("message/rfc822");
            assertThat(new String(f.content(), StandardCharsets.UTF_8)).contains("The parcel arrived broken.");
            assertThat(f.extractedText()).contains("From: Angry Customer <angry@example.org>",
                    "Subject: Broken parcel", "The parcel arrived broken.");
        });
    }

    @Test
    void pdfAttachmentTextIsExtractedWithTika() {
        String pdf = Base64.getMimeEncoder().encodeToString(MailFixtures.pdf("Waybill 1Z999AA10123456784"));
        String mail = """
                From: customer@example.com
                Subject: My waybill
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=sep

                --sep
                Content-Type: text/plain

                Please find the waybill attached.
                --sep
                Content-Type: application/pdf; name="waybill.pdf"
                Content-Disposition: attachment; filename="waybill.pdf"
                Content-Transfer-Encoding: base64

                %s
                --sep--
                """.formatted(pdf);
        ParsedContent parsed = parse(mail);
        assertThat(parsed.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("waybill.pdf");
            assertThat(f.contentType()).isEqualTo("application/pdf");
            assertThat(f.inline()).isFalse();
            assertThat(f.extractedBy()).startsWith("tika:");
            assertThat(f.extractedText()).contains("Waybill 1Z999AA10123456784");
            assertThat(f.extractionError()).isNull();
        });
        assertThat(parsed.searchableText()).contains("Waybill 1Z999AA10123456784");
    }

    @Test
    void inReplyToAndReferencesAreCollectedWithoutDuplicates() {
        String mail = """
                From: customer@example.com
                Subject: Re: Re: ticket
                Message-ID: <reply-2@example.com>
                In-Reply-To: <answer-1@hub.example>
                References: <question-0@example.com>
                 <answer-1@hub.example>
                MIME-Version: 1.0
                Content-Type: text/plain

                Still waiting.
                """;
        ParsedContent parsed = parse(mail);
        assertThat(parsed.rfcMessageId()).isEqualTo("<reply-2@example.com>");
        assertThat(parsed.references()).containsExactly("<answer-1@hub.example>", "<question-0@example.com>");
    }

    @Test
    void bodyStartingRightAfterTheHeadersWithoutBlankLineIsKept() {
        ParsedContent parsed = parse("From: a@example.com\nSubject: no gap\nWhere is my order 4711?\nThanks\n");
        assertThat(parsed.subject()).isEqualTo("no gap");
        assertThat(parsed.body()).isEqualTo("Where is my order 4711?\nThanks");
    }

    @Test
    void mboxFromLineIsNotTakenForTheStartOfTheBody() {
        ParsedContent parsed = parse("From someone@example.com Fri Apr 06 16:46:09 2001\nFrom: a@example.com\n"
                + "Subject: from mbox\n\nbody text\n");
        assertThat(parsed.subject()).isEqualTo("from mbox");
        assertThat(parsed.senderEmail()).isEqualTo("a@example.com");
        assertThat(parsed.body()).isEqualTo("body text");
    }

    @Test
    void wellFormedMailBytesAreNotRewritten() {
        byte[] raw = "From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(EmailParser.insertMissingHeaderSeparator(raw)).isSameAs(raw);
    }

    @Test
    void missingSeparatorIsInsertedWithTheMailsOwnLineEnding() {
        byte[] raw = "From: a@example.com\r\nSubject: x\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(EmailParser.insertMissingHeaderSeparator(raw), StandardCharsets.US_ASCII))
                .isEqualTo("From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n");
    }

    @Test
    void partWithoutContentTypeInDigestIsAnAttachedMessage() {
        String mail = """
                From: list@example.com
                Subject: digest
                MIME-Version: 1.0
                Content-Type: multipart/digest; boundary=d

                --d

                From: member@example.com
                Subject: first post

                hello list
                --d--
                """;
        ParsedContent parsed = parse(mail);
        assertThat(parsed.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("first post.eml");
            assertThat(f.extractedText()).contains("hello list");
        });
        assertThat(parsed.body()).doesNotContain("hello list");
    }

    @Test
    void headerWithBrokenTrailingParameterKeepsItsOtherParameters() {
        String mail = """
                From: a@example.com
                Subject: broken charset parameter
                MIME-Version: 1.0
                Content-Type: text/plain; charset=iso-8859-1;
                \tfo

                Caf\u00e9
                """;
        byte[] raw = mail.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(raw).body()).isEqualTo("Caf\u00e9");
    }

    @Test
    void big5SubjectSplitIntoPaddedEncodedWordsDecodesHkscsCharacters() {
        // Jakarta Mail widens gb2312 to GB18030 itself, but reads big5 as plain Big5: 嘅 (HKSCS-only)
        // needs the parser's Big5-HKSCS widening on every encoded word, including one that follows
        // a word ending in base64 padding
        java.nio.charset.Charset hkscs = java.nio.charset.Charset.forName("Big5-HKSCS");
        String first = Base64.getEncoder().encodeToString("佢哋".getBytes(hkscs));
        String second = Base64.getEncoder().encodeToString("嘅貨".getBytes(hkscs));
        assertThat(first).endsWith("==");
        ParsedContent parsed = parse("From: a@example.com\nSubject: =?big5?B?" + first + "?=\n =?big5?B?" + second
                + "?=\n\nbody\n");
        assertThat(parsed.subject()).isEqualTo("佢哋嘅貨");
    }

}
