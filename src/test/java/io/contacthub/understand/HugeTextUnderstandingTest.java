package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.contacthub.customer.PhoneNumbers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Megabytes of text a stranger can send (letters, e-mail-like fragments, digits, Chinese) are
 * understood from their first {@code hub.understand.max-scanned-chars} characters, in linear time.
 * What is asserted is what is found: the numbers and addresses near the start, nothing from beyond
 * the limit. The time is printed, never asserted; the preemptive timeout only keeps a regression
 * from hanging the build (the backtracking patterns took 14 s on 40,000 letters, hours on 5 MB).
 */
class HugeTextUnderstandingTest {

    private static final int FIVE_MEGABYTES = 5 * 1024 * 1024;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String HEAD = "Where is my parcel? Order SO2026112233, waybill SF1234567890123, write to Head@Example.com or call +86 139 1234 5678.\n";
    private static final String TAIL = "\nURGENT complaint: order SO2099887766, waybill SF9998887776665, late@beyond.example, +86 138 0000 1111";

    private static final UnderstandProperties SHIPPED = ShippedUnderstanding.properties();
    private final UnderstandStage stage = new UnderstandStage(new EntityExtractor(SHIPPED, new PhoneNumbers("CN")),
            new LanguageDetector(), new IntentClassifier(SHIPPED), SHIPPED);

    @Test
    void fiveMegabytesOfLettersIsUnderstoodQuickly() {
        Understanding u = understandTimed("letters", HEAD + filler("abcdefghij") + TAIL);
        assertOnlyTheHeadWasRead(u);
        assertThat(u.language()).isEqualTo("en");
    }

    @Test
    void fiveMegabytesOfEmailAddressFragmentsIsUnderstoodQuickly() {
        Understanding u = understandTimed("a@a.a fragments", HEAD + " " + filler("a@a.a") + TAIL);
        assertOnlyTheHeadWasRead(u);
        // Whatever the fragments make up as addresses, every one of them lies inside the scanned prefix.
        assertThat(u.entities().emails()).contains("head@example.com").doesNotContain("late@beyond.example");
    }

    @Test
    void fiveMegabytesOfDigitsIsUnderstoodQuickly() {
        Understanding u = understandTimed("digits", HEAD + " " + filler("1234567890") + TAIL);
        assertOnlyTheHeadWasRead(u);
    }

    @Test
    void fiveMegabytesOfChineseIsUnderstoodQuickly() {
        Understanding u = understandTimed("Chinese", "我的快递到哪了？运单号：SF1234567890123，订单号：SO2026112233，电话 139-1234-5678，邮箱 head@example.com。\n"
                + filler("你好谢谢再见") + "紧急投诉！运单号：SF9998887776665，订单号：SO2099887766，late@beyond.example，电话 138-0000-1111");
        assertOnlyTheHeadWasRead(u);
        assertThat(u.language()).isEqualTo("zh");
    }

    @Test
    void fiveMegabytesOfOneLongWordAfterAnAtSignIsUnderstoodQuickly() {
        // The shape that made the old e-mail pattern quadratic: a local part that never meets a domain.
        Understanding u = understandTimed("one long word", HEAD + filler("x") + "@" + TAIL);
        assertOnlyTheHeadWasRead(u);
    }

    @Test
    void aTextWithinTheLimitIsReadWholeAndNotMarkedTruncated() {
        Understanding u = stage.understand(HEAD + TAIL, Map.of());
        assertThat(u.truncated()).isFalse();
        assertThat(u.entities().orderNumbers()).contains("SO2026112233", "SO2099887766");
        assertThat(u.entities().emails()).contains("late@beyond.example");
        assertThat(u.intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(u.urgent()).isTrue();
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String text = "a".repeat(9) + "\uD840\uDC00" + "b"; // U+20000, a CJK extension B character, at the cut
        ScannedText scanned = ScannedText.prefix(text, 10);
        assertThat(scanned.text()).isEqualTo("a".repeat(9));
        assertThat(scanned.totalChars()).isEqualTo(12);
        assertThat(scanned.truncated()).isTrue();
    }

    private Understanding understandTimed(String what, String text) {
        long started = System.nanoTime();
        Understanding u = assertTimeoutPreemptively(HANG_GUARD, () -> stage.understand(text, Map.of()));
        System.out.printf("understood %,d characters of %s in %d ms%n", text.length(), what, (System.nanoTime() - started) / 1_000_000);
        assertThat(u.textChars()).isEqualTo(text.length());
        return u;
    }

    /** The entities of the head are found; those of the tail, past the limit, are not; the intent is read from the head. */
    private static void assertOnlyTheHeadWasRead(Understanding u) {
        assertThat(u.truncated()).isTrue();
        assertThat(u.scannedChars()).isEqualTo(SHIPPED.maxScannedChars());
        assertThat(u.entities().orderNumbers()).contains("SO2026112233").doesNotContain("SO2099887766");
        assertThat(u.entities().waybillNumbers()).contains("SF1234567890123").doesNotContain("SF9998887776665");
        assertThat(u.entities().emails()).contains("head@example.com").doesNotContain("late@beyond.example");
        assertThat(u.entities().phones()).contains("+8613912345678").doesNotContain("+8613800001111");
        assertThat(u.intent()).isEqualTo(Intent.TRACKING); // "complaint" (checked first) lies beyond the limit
        assertThat(u.urgent()).isFalse();
    }

    private static String filler(String unit) {
        return unit.repeat(FIVE_MEGABYTES / unit.length());
    }
}
