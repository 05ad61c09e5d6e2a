package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.UnreadableMessageException;
import java.lang.invoke.MethodHandle;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MIME parser (channel/email: EmailParser with CharsetDecoding and MailLeniency, as the e-mail and
 * fax-to-email channels run it) on raw bytes, as a mailbox would deliver them. A mail is either read
 * into content, or refused with {@link UnreadableMessageException} and a reason staff can read; any
 * other exception or error, or more than {@link Budget#PER_INPUT} on one input, is a finding.
 * Attachments go through Tika's text extraction as in the running hub, without OCR.
 */
class EmailParserFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    private static final Object PARSER;
    private static final MethodHandle PARSE;

    static {
        String parser = "io.contacthub.channel.email.EmailParser";
        try {
            PARSER = Internals.constructor(parser, DocumentTextExtractor.class)
                    .invoke(new DocumentTextExtractor(200_000));
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
        PARSE = Internals.method(parser, "parse", ParsedContent.class, byte[].class);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesClearly(byte[] raw) {
        ParsedContent content;
        try {
            content = Budget.within(() -> PARSE.invoke(PARSER, raw));
        } catch (UnreadableMessageException refused) {
            assertThat(refused.getMessage()).as("the reason staff read").isNotBlank();
            return;
        }
        assertThat(content).isNotNull();
        assertThat(content.body()).as("body").isNotNull();
        for (ExtractedFile file : content.files()) {
            assertThat(file.content()).as("content of %s", file.fileName()).isNotNull();
            assertThat(file.sha256()).as("sha256 of %s", file.fileName()).hasSize(64);
        }
        // What the pipeline does next with the content must not fail either.
        assertThat(content.searchableText()).isNotNull();
    }

    static Stream<byte[]> seeds() {
        return Stream.concat(Stream.of(
                Seeds.crlf("""
                        From: Li Wei <li.wei@example.cn>
                        To: service@hub.example
                        Subject: =?GB2312?B?zNi/7LXEv+zQxQ==?=
                        Message-ID: <a1@example.cn>
                        In-Reply-To: <hub-1@hub.example>
                        Content-Type: text/plain; charset=utf-8

                        Where is waybill SF1234567890?
                        """),
                Seeds.crlf("""
                        From: a@example.com
                        Subject: alt
                        MIME-Version: 1.0
                        Content-Type: multipart/alternative; boundary="b1"

                        --b1
                        Content-Type: text/plain; charset=gb2312
                        Content-Transfer-Encoding: quoted-printable

                        =C4=E3=BA=C3
                        --b1
                        Content-Type: text/html

                        <p>Hello <b>there</b></p>
                        --b1--
                        """),
                Seeds.crlf("""
                        From: b@example.com
                        Subject: Fwd: order
                        MIME-Version: 1.0
                        Content-Type: multipart/mixed; boundary=outer

                        --outer
                        Content-Type: text/plain

                        see attached
                        --outer
                        Content-Type: application/octet-stream; name*=utf-8''%E8%AE%A2%E5%8D%95.txt
                        Content-Disposition: attachment; filename="order.txt"
                        Content-Transfer-Encoding: base64

                        T3JkZXIgMTIzNDU2
                        --outer
                        Content-Type: message/rfc822

                        From: c@example.com
                        Subject: inner

                        inner body
                        --outer--
                        """),
                Seeds.crlf("""
                        From: list@example.org
                        Subject: digest
                        Content-Type: multipart/digest; boundary=d

                        --d

                        From: x@example.org
                        Subject: one

                        first
                        --d
                        """),
                Seeds.utf8("From: nobody\nSubject: no separator\nthis line is the body\n")),
                Seeds.corpus("email", name -> name.endsWith(".eml"), "EmailParserFuzzTest"));
    }
}
