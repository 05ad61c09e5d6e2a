package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetDecodingTest {

    // 屄 is GBK-only (0x8C 0xC2): strict GB2312 decoders turn it into U+FFFD (corpus mail_test_9)
    private static final String GBK_ONLY_TEXT = "你们看看这个是什么屄";

    @Test
    void gb2312LabelledBodyWithGbkBytesDecodesWithoutReplacementCharacters() {
        byte[] gbk = GBK_ONLY_TEXT.getBytes(Charset.forName("GBK"));
        assertThat(new String(gbk, Charset.forName("GB2312"))).as("precondition: strict GB2312 fails").contains("\uFFFD");

        assertThat(CharsetDecoding.decode(gbk, "gb2312")).isEqualTo(GBK_ONLY_TEXT);
        assertThat(CharsetDecoding.decode(gbk, "\"GB2312\"")).isEqualTo(GBK_ONLY_TEXT);
    }

    @Test
    void utf8BytesLabelledGb2312DecodeAsUtf8() {
        String text = "你好！我公司可代开各类增值税发票";
        assertThat(CharsetDecoding.decode(text.getBytes(StandardCharsets.UTF_8), "GB2312")).isEqualTo(text);
    }

    @Test
    void realGb2312BytesStillDecodeAsGb2312() {
        String text = "你好，我是程序员，很高兴认识你";
        assertThat(CharsetDecoding.decode(text.getBytes(Charset.forName("GB2312")), "gb2312")).isEqualTo(text);
    }

    @Test
    void big5LabelledBytesDecodeIncludingHkscsCharacters() {
        assertThat(CharsetDecoding.decode("圖形碼".getBytes(Charset.forName("Big5")), "big5")).isEqualTo("圖形碼");
        // 嘅 (Cantonese) exists only in the HKSCS extension of Big5
        String hk = "佢哋嘅";
        assertThat(CharsetDecoding.decode(hk.getBytes(Charset.forName("Big5-HKSCS")), "Big5")).isEqualTo(hk);
    }

    @Test
    void latin1LabelIsReadAsWindows1252() {
        byte[] bytes = {'5', ' ', (byte) 0x80, ' ', 'C', 'a', 'f', (byte) 0xE9};
        assertThat(CharsetDecoding.decode(bytes, "iso-8859-1")).isEqualTo("5 € Café");
    }

    @Test
    void unknownLabelFallsBackToUtf8InsteadOfThrowing() {
        assertThat(CharsetDecoding.decode("grüße".getBytes(StandardCharsets.UTF_8), "x-no-such-charset")).isEqualTo("grüße");
    }

    @Test
    void encodedWordCharsetsAreWidenedToTheirSupersets() {
        assertThat(CharsetDecoding.widenEncodedWordCharsets("=?gb2312?B?ztKw0Q==?= =?BIG5?Q?x?= =?utf-8?B?eA==?="))
                .isEqualTo("=?GB18030?B?ztKw0Q==?= =?Big5-HKSCS?Q?x?= =?utf-8?B?eA==?=");
        // RFC 2231 language suffixes are dropped along with the narrow charset
        assertThat(CharsetDecoding.widenEncodedWordCharsets("=?gb2312*zh?B?ztKw0Q==?=")).isEqualTo("=?GB18030?B?ztKw0Q==?=");
        // latin-1 words are left alone (Jakarta Mail decodes them itself)
        assertThat(CharsetDecoding.widenEncodedWordCharsets("=?iso-8859-1?Q?Caf=E9?=")).isEqualTo("=?iso-8859-1?Q?Caf=E9?=");
    }

    @Test
    void encodedWordAfterAWordEndingInBase64PaddingIsWidenedToo() {
        assertThat(CharsetDecoding.widenEncodedWordCharsets("=?gb2312?B?xOPDxw==?=\r\n =?gb2312?B?yrLDtIzC?="))
                .isEqualTo("=?GB18030?B?xOPDxw==?=\r\n =?GB18030?B?yrLDtIzC?=");
    }
}
