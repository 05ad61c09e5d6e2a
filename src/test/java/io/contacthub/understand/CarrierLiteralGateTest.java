package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Carrier patterns are skipped on texts that lack the letters every such number starts with (issue 17: the RE2/J
 * passes are most of what reading a contact costs). Skipping must never lose a number: the gated reader finds
 * exactly what reading every pattern over every text finds.
 */
class CarrierLiteralGateTest {

    private static final List<UnderstandProperties.Carrier> SHIPPED = List.of(
            new UnderstandProperties.Carrier("SF Express", "SF\\d{12,13}", null),
            new UnderstandProperties.Carrier("YTO", "YT\\d{13,15}", null),
            new UnderstandProperties.Carrier("ZTO", "7[35-8]\\d{10}|ZTO\\d{12,15}", null),
            new UnderstandProperties.Carrier("STO", "77\\d{11}", null),
            new UnderstandProperties.Carrier("Yunda", "(?:31|43|46)\\d{11}", null),
            new UnderstandProperties.Carrier("JD Logistics", "JD[A-Z0-9]{11,15}", null),
            new UnderstandProperties.Carrier("China Post EMS", "E[A-Z]\\d{9}CN", "s10"),
            new UnderstandProperties.Carrier("Best Express", "55\\d{11}", null),
            new UnderstandProperties.Carrier("Deppon", "DPK\\d{12}", null),
            new UnderstandProperties.Carrier("optional last letter", "QXZ?\\d{6}", null));

    @Test
    void theLiteralIsOnlyWhatEveryMatchMustStartWith() {
        assertThat(Carriers.requiredLiteral("SF\\d{12,13}")).isEqualTo("SF");
        assertThat(Carriers.requiredLiteral("DPK\\d{12}")).isEqualTo("DPK");
        assertThat(Carriers.requiredLiteral("77\\d{11}")).isEqualTo("77");
        assertThat(Carriers.requiredLiteral("QXZ?\\d{6}")).as("Z may be absent").isEqualTo("QX");
        assertThat(Carriers.requiredLiteral("S{0,1}F\\d")).isNull();
        assertThat(Carriers.requiredLiteral("7[35-8]\\d{10}|ZTO\\d{12,15}")).as("another start offered").isNull();
        assertThat(Carriers.requiredLiteral("(?:31|43|46)\\d{11}")).isNull();
        assertThat(Carriers.requiredLiteral("(?i)sf\\d{12}")).isNull();
        assertThat(Carriers.requiredLiteral("sf\\d{12}")).isNull();
        assertThat(Carriers.requiredLiteral("\\QSF\\E\\d{12}")).isNull();
    }

    @Test
    void skippingPatternsWhoseLettersAreAbsentFindsExactlyWhatReadingEveryPatternFinds() {
        Carriers gated = new Carriers(SHIPPED, true);
        Carriers every = new Carriers(SHIPPED, false);
        Random random = new Random(17);
        String[] pieces = {"SF", "YT", "ZTO", "JD", "EA", "CN", "DPK", "QX", "QXZ", "77", "55", "31", "7", "0", "1", "2", "3",
                "4", "5", "6", "8", "9", " ", "-", "_", "运单号", "sf", "单", ":", "\n"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(40);
            for (int p = 0; p < parts; p++) {
                String piece = pieces[random.nextInt(pieces.length)];
                text.append(piece.length() == 1 && Character.isDigit(piece.charAt(0)) ? piece.repeat(1 + random.nextInt(12)) : piece);
            }
            assertThat(gated.findAll(text.toString())).as(text.toString()).isEqualTo(every.findAll(text.toString()));
        }
        String real = "您好，运单号 SF1234567890123 和 DPK123456789012，还有 7712345678901 和 JD0123456789AB";
        assertThat(gated.findAll(real)).isEqualTo(every.findAll(real)).hasSize(4);
    }
}
