package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import io.contacthub.customer.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Entity patterns are tried only where a match can begin (issue 17). That must never change what is found: the
 * anchored scan finds exactly what a pass over the whole text finds, for the shipped patterns and labels, on texts
 * built to put the words, digits, blanks and look-alikes where the patterns' edges are.
 */
class AnchoredScanTest {

    private static final UnderstandProperties SHIPPED = ShippedUnderstanding.properties();

    @Test
    void theWordsAreOnlyThoseEveryMatchMustStartWith() {
        assertThat(AnchoredScan.leadingLiterals("\\b(SO\\d{8,14})\\b")).containsExactly("SO");
        assertThat(AnchoredScan.leadingLiterals("(?:\\border|订单|订单号|\\border\\s*no\\.?)\\s*([A-Z]{0,3}\\d{6,20})"))
                .containsExactly("order", "订单");
        assertThat(AnchoredScan.leadingLiterals("(?:运单号|\\btracking\\s*(?:no\\.?|number)?)\\s*([A-Z0-9]{10,20})"))
                .containsExactly("运单号", "tracking");
        assertThat(AnchoredScan.leadingLiterals("\\btracking\\s*no\\.")).containsExactly("tracking");
        assertThat(AnchoredScan.leadingLiterals("no\\.")).containsExactly("no.");
        assertThat(AnchoredScan.leadingLiterals("\\Qno.\\E\\d")).containsExactly("no.");
        assertThat(AnchoredScan.leadingLiterals("SFX?\\d")).as("X may be absent").containsExactly("SF");
        assertThat(AnchoredScan.leadingLiterals("SO+\\d")).containsExactly("SO");
        assertThat(AnchoredScan.leadingLiterals("AB{0,2}C")).containsExactly("A");
        assertThat(AnchoredScan.leadingLiterals("7[35-8]\\d{10}|ZTO\\d{12,15}")).containsExactly("7", "ZTO");
        assertThat(AnchoredScan.leadingLiterals("[7]\\d{10}|ZTO\\d{12,15}")).as("one branch starts with a class").isNull();
        assertThat(AnchoredScan.leadingLiterals("(?:SO)?\\d{8}")).as("the group may be absent").isNull();
        assertThat(AnchoredScan.leadingLiterals("(?i:order)\\d")).as("flags in a group are not read").isNull();
        assertThat(AnchoredScan.leadingLiterals("\\d{6}")).isNull();
        assertThat(AnchoredScan.leadingLiterals("[A-Z]{2}\\d")).isNull();
        assertThat(AnchoredScan.leadingLiterals(".order")).isNull();
        assertThat(AnchoredScan.leadingLiterals("(order")).as("unbalanced").isNull();
    }

    @Test
    void theShippedPatternsAreTriedAnchoredAndFindExactlyWhatAWholeTextPassFinds() {
        List<Pattern> patterns = new ArrayList<>();
        patterns.addAll(LinearPatterns.compileAll("order", SHIPPED.orderPatterns()));
        patterns.addAll(LinearPatterns.compileAll("waybill", SHIPPED.waybillPatterns()));
        patterns.add(EntityExtractor.labels("waybill-labels", SHIPPED.waybillLabels()));
        patterns.add(EntityExtractor.labels("order-labels", SHIPPED.orderLabels()));
        patterns.add(Pattern.compile("(?i)\\bawb\\s*(\\d{3}-?\\d{8})\\b"));
        patterns.add(Pattern.compile("\\d{3}-\\d{8}")); // nothing to anchor on: scanned whole
        Random random = new Random(17);
        for (Pattern p : patterns) {
            AnchoredScan anchored = AnchoredScan.of(p);
            AnchoredScan whole = AnchoredScan.of(p, false);
            for (int i = 0; i < 4_000; i++) {
                String text = randomText(random);
                assertThat(anchored.findAll(text)).as("%s on \"%s\"", p, text).isEqualTo(whole.findAll(text));
            }
        }
        assertThat(patterns.stream().filter(p -> AnchoredScan.of(p).gated()).count()).as("all but the last are anchored")
                .isEqualTo(patterns.size() - 1);
    }

    @Test
    void theExtractorFindsTheSameNumbersWithAnchoredScansAsWithWholeTextPasses() {
        EntityExtractor anchored = new EntityExtractor(SHIPPED, new PhoneNumbers("CN"), true);
        EntityExtractor whole = new EntityExtractor(SHIPPED, new PhoneNumbers("CN"), false);
        Random random = new Random(18);
        for (int i = 0; i < 3_000; i++) {
            String text = randomText(random);
            assertThat(anchored.numbers(text)).as(text).isEqualTo(whole.numbers(text));
        }
        String real = "您好，订单号：SO2026000123，运单号是 SF1234567890123。Order no. 88812345, tracking no. YT1234567890123 "
                + "and my earlier order SO202600999 of which the waybill number is 7712345678901.";
        assertThat(anchored.numbers(real)).isEqualTo(whole.numbers(real)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void manyLabelsWithNoNumberAfterThemCostTriesAtTheLabelsOnly() {
        AnchoredScan label = AnchoredScan.of(EntityExtractor.labels("waybill-labels", SHIPPED.waybillLabels()));
        String hostile = "单号 单号：运单号为 tracking no. ".repeat(5_000) + "单号 SF1234567890123";
        List<AnchoredScan.Hit> hits = label.findAll(hostile);
        assertThat(hits).extracting(AnchoredScan.Hit::group1).containsExactly("SF1234567890123");
        assertThat(hits.get(0).start()).isEqualTo(hostile.lastIndexOf("单号"));
    }

    private static final String[] PIECES = {"order", "Order", "ORDER", "order no.", "order number", "订单", "订单号", "订单号码",
            "运单号", "快递单号", "单号", "运单编号", "waybill", "Waybill no.", "tracking", "tracking number", "Tracking No.", "AWB",
            "PO number", "SO", "so", "S0", "SO2026", "是", "为", ":", "：", "#", " ", "  ", "\n", "-", "no", "number", "x", "a",
            "Z", "é", "İ", "😀", "，", "。", "SF", "YT", "borders", "reorder", "awb"};

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(30);
        for (int p = 0; p < parts; p++) {
            if (random.nextInt(4) == 0) {
                int digits = 1 + random.nextInt(24);
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            } else {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return text.toString();
    }
}
