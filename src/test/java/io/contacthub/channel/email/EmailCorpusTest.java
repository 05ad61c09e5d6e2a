package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.ParsedContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the third-party corpus (../shared/corpus/email) parsed with EmailParser and
 * checked against what the corpus' SOURCES.md says a correct, lenient parser extracts.
 * Skipped, with a console line saying so, when the corpus folder is not there.
 */
class EmailCorpusTest {

    private static final char REPLACEMENT = '\uFFFD';

    @FunctionalInterface
    interface Expectation {
        void check(ParsedContent mail) throws Exception;
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // ---- CPython Lib/test/test_email/data ----
                mail("msg_01.eml", m -> {
                    assertThat(m.subject()).isEqualTo("This is a test message");
                    assertThat(m.senderEmail()).isEqualTo("bbb@ddd.com");
                    assertThat(m.senderName()).isEqualTo("John X. Doe");
                    assertThat(norm(m.body())).contains("Hi, Do you like this message? -Me");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_02.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Ppp digest, Vol 1 #2 - 5 msgs");
                    assertThat(m.senderEmail()).isEqualTo("ppp-request@zzz.org");
                    assertThat(norm(m.body())).contains("Send Ppp mailing list submissions to");
                    // digest parts without Content-Type are message/rfc822 (RFC 2046 5.1.5), not body text
                    assertThat(m.body()).doesNotContain("Subject: [Ppp] testing #1");
                    assertThat(nonMessageFiles(m)).isEmpty();
                    assertThat(embeddedMessages(m)).extracting(ExtractedFile::fileName).containsExactly(
                            "[Ppp] testing #1.eml", "message.eml", "[Ppp] testing #3.eml",
                            "[Ppp] testing #4.eml", "[Ppp] testing #5.eml");
                    assertThat(embeddedMessages(m)).allSatisfy(f -> assertThat(f.extractedText()).contains("hello"));
                    assertThat(embeddedMessages(m).get(1).extractedText()).doesNotContain("Subject:");
                }),
                mail("msg_05.eml", m -> {
                    assertThat(m.subject()).isEqualTo("bar");
                    // "From: foo" has no domain: the parser keeps only real addresses as senderEmail
                    assertThat(m.senderEmail()).isNull();
                    assertThat(norm(m.body())).contains("Yadda yadda yadda");
                    assertThat(nonMessageFiles(m)).isEmpty();
                    assertThat(embeddedMessages(m)).singleElement()
                            .satisfies(f -> assertThat(f.extractedText()).contains("From: nobody@python.org"));
                }),
                mail("msg_06.eml", m -> {
                    assertThat(m.subject()).isEqualTo("forwarded message from Barry A. Warsaw");
                    assertThat(m.senderEmail()).isEqualTo("barry@python.org");
                    assertThat(m.senderName()).isEqualTo("Barry A. Warsaw");
                    assertThat(m.body()).isBlank(); // the forwarded message's body is empty
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_07.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Here is your dingus fish");
                    assertThat(m.senderEmail()).isEqualTo("barry@digicool.com");
                    assertThat(m.senderName()).isEqualTo("Barry");
                    assertThat(norm(m.body())).contains("Hi there, This is the dingus fish.");
                    assertDingusFish(m);
                }),
                mail("msg_10.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Lyrics");
                    assertThat(m.senderEmail()).isEqualTo("barry@python.org");
                    assertThat(m.senderName()).isEqualTo("Barry Warsaw");
                    assertThat(norm(m.body())).contains(
                            "This is a 7bit encoded message.",
                            "\u00A1This is a Quoted Printable encoded message!",
                            "This has no Content-Transfer-Encoding: header.");
                    assertThat(countOf(m.body(), "This is a Base64 encoded message.")).isEqualTo(2);
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_12.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Lyrics");
                    assertThat(m.senderEmail()).isEqualTo("barry@python.org");
                    assertThat(m.body()).isBlank(); // only empty text parts
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_13.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Here is your dingus fish");
                    assertThat(m.senderEmail()).isEqualTo("barry@digicool.com");
                    assertThat(norm(m.body())).contains("A text/plain part", "Hi there, This is the dingus fish.");
                    assertDingusFish(m);
                }),
                mail("msg_14.eml", m -> {
                    assertThat(m.subject()).isEqualTo("This is a test message");
                    assertThat(m.senderEmail()).isEqualTo("bbb@ddd.com");
                    assertThat(m.senderName()).isEqualTo("John X. Doe");
                    assertThat(norm(m.body())).contains("I'm sorry but I'm using a drainbread ISP");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_15.eml", m -> {
                    // ambiguous (boundary re-used by the inner multipart): parses and keeps the text
                    assertThat(m.subject()).isEqualTo("XX");
                    assertThat(m.senderEmail()).isEqualTo("xx@xx.dk");
                    assertThat(norm(m.body())).contains("Some removed test.");
                    assertThat(m.files()).hasSizeLessThanOrEqualTo(1)
                            .allSatisfy(f -> assertThat(f.fileName()).isEqualTo("xx.gif"));
                }),
                mail("msg_16.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Delivery Notification: Delivery has failed");
                    assertThat(m.senderEmail()).isEqualTo("postmaster@ucla.edu");
                    assertThat(m.senderName()).isEqualTo("Internet Mail Delivery");
                    assertThat(m.automation().returnPath()).isEqualTo("<>");
                    assertThat(norm(m.body())).contains("This report relates to a message you sent");
                    assertThat(nonMessageFiles(m)).isEmpty();
                    assertThat(embeddedMessages(m)).singleElement().satisfies(f -> {
                        assertThat(f.fileName()).isEqualTo("[scr] yeah for Ians!!.eml");
                        assertThat(f.extractedText()).contains("Subject: [scr] yeah for Ians!!");
                    });
                }),
                mail("msg_22.eml", m -> {
                    assertThat(m.subject()).isNull();
                    assertThat(m.senderEmail()).isEqualTo("b@example.com");
                    assertThat(norm(m.body())).contains("Text text text.");
                    assertThat(m.files()).extracting(ExtractedFile::fileName, ExtractedFile::contentType, f -> f.content().length)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("wibble.JPG", "image/jpeg", 272),
                                    org.assertj.core.groups.Tuple.tuple("wibble2.JPG", "image/jpeg", 317));
                }),
                mail("msg_25.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Returned mail: Too many hops 19 (17 max): from "
                            + "<linuxuser-admin@www.linux.org.uk> via [199.164.235.226], to <scoffman@wellpartner.com>");
                    assertThat(m.senderName()).isEqualTo("Mail Delivery Subsystem");
                    // the parser lower-cases addresses
                    assertThat(m.senderEmail()).isEqualToIgnoringCase("MAILER-DAEMON@zinfandel.lacita.com");
                    // truncated boundary parameter: the body is kept as one text blob, not a nameless file
                    assertThat(m.body()).startsWith("This is a MIME-encapsulated message");
                    assertThat(m.files()).isEmpty();
                    // the parameters before the broken one still count
                    assertThat(m.automation().reportType()).isEqualTo("delivery-status");
                }),
                mail("msg_26.eml", m -> {
                    assertThat(m.subject()).isEqualTo("IMAP file test");
                    assertThat(m.senderEmail()).isEqualTo("father.time@xcar.wooster.local");
                    assertThat(m.senderName()).isEqualTo("Father Time");
                    assertThat(norm(m.body())).contains("Simple email with attachment.");
                    assertThat(m.files()).singleElement().satisfies(f -> {
                        assertThat(f.fileName()).isEqualTo("clock.bmp"); // Content-Disposition wins over name=
                        assertThat(f.content()).hasSize(630);
                        assertThat(new String(f.content(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("BM");
                    });
                }),
                mail("msg_29.eml", m -> {
                    assertThat(m.subject()).isEqualTo("This is a test message");
                    assertThat(m.senderEmail()).isEqualTo("bbb@ddd.com");
                    assertThat(m.senderName()).isEqualTo("John X. Doe");
                    assertThat(norm(m.body())).contains("Do you like this message?");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_31.eml", m -> {
                    // ambiguous (declared boundary never used): parses and keeps the raw text
                    assertThat(m.subject()).isNull();
                    assertThat(m.senderEmail()).isEqualTo("aperson@dom.ain");
                    assertThat(m.body()).contains("message 1");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_35.eml", m -> {
                    assertThat(m.subject()).isEqualTo("here's something interesting");
                    assertThat(m.senderEmail()).isEqualTo("aperson@dom.ain");
                    assertThat(norm(m.body())).contains("counter to RFC 5322, there's no separating newline here");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_37.eml", m -> {
                    assertThat(m.subject()).isNull();
                    assertThat(m.senderEmail()).isNull();
                    assertThat(m.senderName()).isNull();
                    assertThat(norm(m.body())).isEqualTo("Blah Blah Blah"); // empty parts from repeated boundaries add nothing
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_38.eml", m -> {
                    // ambiguous (text lines that look like boundaries): parses and keeps the text
                    assertThat(m.subject()).isNull();
                    assertThat(norm(m.body())).contains("Unlike the test test_nested-multiples-with-internal-boundary");
                }),
                mail("msg_40.eml", m -> {
                    assertThat(m.subject()).isNull();
                    assertThat(m.senderEmail()).isNull();
                    assertThat(m.body()).contains("----961284236552522269"); // not split as a multipart
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_41.eml", m -> {
                    assertThat(m.subject()).isEqualTo("64423");
                    assertThat(m.senderEmail()).isEqualTo("xxx@example.com");
                    assertThat(m.senderName()).isEqualTo("Allison Dunlap");
                    assertThat(norm(m.body())).contains("Blah blah blah");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_43.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Banned file: auto__mail.python.bat in mail from you");
                    assertThat(m.senderName()).isEqualTo("MAILER DAEMON");
                    assertThat(m.senderEmail()).isNull(); // "MAILER DAEMON <>"
                    assertThat(m.automation().reportType()).isEqualTo("delivery-status");
                    assertThat(norm(m.body())).contains("BANNED FILENAME ALERT");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_45.eml", m -> {
                    assertThat(m.subject()).isEqualTo("test");
                    assertThat(m.senderEmail()).isEqualTo("foo@bar.baz");
                    assertThat(norm(m.body())).contains("This is the signed contents.");
                    assertThat(m.files()).singleElement().satisfies(f -> {
                        assertThat(f.fileName()).isEqualTo("signature.asc");
                        assertThat(f.contentType()).isEqualTo("application/pgp-signature");
                        assertThat(f.content()).hasSize(189);
                    });
                }),
                mail("msg_46.eml", m -> {
                    assertThat(m.subject()).isEqualTo("GroupwiseForwardingTest");
                    assertThat(m.senderEmail()).isEqualTo("sender@example.net");
                    assertThat(m.senderName()).isEqualTo("Sender");
                    assertThat(norm(m.body())).contains("Testing email forwarding with Groupwise 1.2.2010");
                    assertThat(m.files()).isEmpty();
                }),
                mail("msg_47.eml", m -> {
                    assertThat(m.subject()).isNull();
                    assertThat(m.senderEmail()).isEqualTo("arthur@example.example");
                    // part headers run straight into the part bodies "bar" and "<html>...baz..."
                    assertThat(norm(m.body())).isEqualTo("bar baz");
                    assertThat(m.files()).isEmpty();
                }),
                // ---- Chinese samples ----
                mail("spamscope-mail-parser_mail_test_9_gb2312-subject.eml", m -> {
                    assertThat(m.subject()).isEqualTo("我把镜头拉近些，你们看看这个是什么屄，这种场合自然少不了内射")
                            .doesNotContain(String.valueOf(REPLACEMENT));
                    assertThat(m.senderName()).isEqualTo("xwfcpggy");
                    assertThat(m.senderEmail()).isEqualTo("zyb@sgis.com.cn");
                    assertThat(m.body()).contains("http://go2buy.com.cn/").doesNotContain(String.valueOf(REPLACEMENT));
                    assertThat(m.files()).isEmpty();
                }),
                mail("spamscope-mail-parser_mail_test_12_gb2312-subject-utf8-body.eml", m -> {
                    assertThat(m.subject()).isEqualTo("代开各地增值税发票");
                    assertThat(m.senderName()).isEqualTo("张先生");
                    assertThat(m.senderEmail()).isEqualTo("baoguan@hotmail.com");
                    assertThat(m.body()).startsWith("你好！我公司可代开各类增值税发票，17%专用发票")
                            .doesNotContain(String.valueOf(REPLACEMENT));
                    assertThat(m.files()).isEmpty();
                }),
                mail("demisto-parse-emails_chinese_email_test.eml", m -> {
                    assertThat(m.subject()).isEqualTo("示例邮件");
                    assertThat(m.senderName()).isEqualTo("test@test.com");
                    assertThat(m.senderEmail()).isEqualTo("test@test.com");
                    assertThat(m.body().replace("\r\n", "\n")).contains(
                            "这是一个示例邮件，用于演示指定的条件。\n它使用了 UTF-8 编码，可以支持多种语言的字符，包括中文。\n祝好，\n发件人");
                    assertThat(m.files()).isEmpty();
                }),
                mail("demisto-parse-emails_chinese_gb2312_encoding.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Greeting in Chinese");
                    assertThat(m.body()).contains("你好，我是程序员，很高兴认识你");
                    assertThat(m.files()).isEmpty();
                }),
                mail("demisto-parse-emails_chinese_gbk_encoding.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Hello from China");
                    assertThat(m.senderEmail()).isEqualTo("sender@example.com");
                    assertThat(m.body()).contains("你好，中国");
                }),
                mail("demisto-parse-emails_chinese_big5_encoding.eml", m -> {
                    assertThat(m.subject()).isEqualTo("Hello from China");
                    assertThat(m.body()).contains("圖形碼");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusMailParsesAsSourcesMdDescribes(String fileName, Expectation expectation) throws Exception {
        CorpusFixtures.assumeEmailCorpusPresent("EmailCorpusTest");
        byte[] raw = CorpusFixtures.read(fileName);
        ParsedContent[] parsed = new ParsedContent[1];
        assertThatCode(() -> parsed[0] = CorpusFixtures.parse(fileName)).as("parsing %s", fileName).doesNotThrowAnyException();
        assertThat(raw).isNotEmpty();
        expectation.check(parsed[0]);
    }

    @Test
    void everyCorpusFileHasAnExpectation() throws IOException {
        CorpusFixtures.assumeEmailCorpusPresent("EmailCorpusTest");
        Set<String> covered = corpus().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(CorpusFixtures.emailDir())) {
            Set<String> present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml"))
                    .collect(Collectors.toSet());
            assertThat(present).hasSize(31).isEqualTo(covered);
        }
    }

    private static Arguments mail(String fileName, Expectation expectation) {
        return Arguments.of(fileName, expectation);
    }

    private static void assertDingusFish(ParsedContent m) {
        assertThat(m.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("dingusfish.gif");
            assertThat(f.contentType()).isEqualTo("image/gif");
            assertThat(f.content()).hasSize(3512);
            assertThat(new String(f.content(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF8");
        });
    }

    private static List<ExtractedFile> embeddedMessages(ParsedContent m) {
        return m.files().stream().filter(f -> "message/rfc822".equals(f.contentType())).toList();
    }

    private static List<ExtractedFile> nonMessageFiles(ParsedContent m) {
        return m.files().stream().filter(f -> !"message/rfc822".equals(f.contentType())).toList();
    }

    /** Whitespace runs (including CRLF and tabs) to one space, so snippets match across line wraps. */
    static String norm(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static int countOf(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
