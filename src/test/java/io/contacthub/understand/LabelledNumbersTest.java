package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.customer.PhoneNumbers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers after a label and carriers' waybill numbers, with the rules shipped in application.yml, on any channel's text. */
class LabelledNumbersTest {

    private static final UnderstandProperties SHIPPED = ShippedUnderstanding.properties();
    private final EntityExtractor extractor = new EntityExtractor(SHIPPED, new PhoneNumbers("CN"));

    @Test
    void aNumberAfterWaybillLabelAndShiIsAWaybillEvenWithoutACarrierMatch() {
        assertThat(extractor.extract("我的运单号是 SF1234567890").waybillNumbers()).containsExactly("SF1234567890");
        assertThat(extractor.extract("我的运单号是SF1234567890，请查一下").waybillNumbers()).containsExactly("SF1234567890");
    }

    @Test
    void labelsTakeWeiColonsFullWidthColonsOrNothing() {
        assertThat(extractor.extract("快递单号为 AB12345678").waybillNumbers()).containsExactly("AB12345678");
        assertThat(extractor.extract("单号：ab1234567").waybillNumbers()).containsExactly("AB1234567");
        assertThat(extractor.extract("my tracking no. XY99887766 has not moved").waybillNumbers()).containsExactly("XY99887766");
        assertThat(extractor.extract("Tracking number: 1Z999AA10123456784").waybillNumbers()).containsExactly("1Z999AA10123456784");
    }

    @Test
    void aNumberAfterAnOrderLabelIsAnOrderNumberNotAWaybill() {
        Entities e = extractor.extract("订单号为 A20261234567，运单号是 YT1234567890123");
        assertThat(e.orderNumbers()).containsExactly("A20261234567");
        assertThat(e.waybillNumbers()).containsExactly("YT1234567890123");
        assertThat(extractor.extract("order no. PO-778899001").orderNumbers()).contains("PO-778899001");
    }

    @Test
    void aLabelledNumberWithoutACarrierPatternIsLessSureThanACarriers() {
        List<EntityExtractor.Found> found = extractor.numbers("运单号是 SF1234567890；另一件 SF1234567890123");
        EntityExtractor.Found labelled = found.stream().filter(f -> f.value().equals("SF1234567890")).findFirst().orElseThrow();
        EntityExtractor.Found carrier = found.stream().filter(f -> f.value().equals("SF1234567890123")).findFirst().orElseThrow();
        assertThat(labelled.confidence()).isEqualTo(EntityExtractor.LABELLED);
        assertThat(carrier.confidence()).isEqualTo(EntityExtractor.CARRIER);
        assertThat(carrier.how()).contains("SF Express");
    }

    @Test
    void carriersAreKnownByTheirNumbersShapesWithoutALabel() {
        assertThat(extractor.extract("顺丰 SF1234567890123 中通 731234567890 申通 7712345678901 韵达 4312345678901 "
                + "京东 JDVA12345678901 德邦 DPK123456789012").waybillNumbers())
                .contains("SF1234567890123", "731234567890", "7712345678901", "4312345678901", "JDVA12345678901", "DPK123456789012");
    }

    @Test
    void anEmsNumberCountsOnlyWithARightS10CheckDigit() {
        // EE123456785CN: serial 12345678, weights 8 6 4 2 3 5 9 7 → 190, 11 − 190 mod 11 = 8... computed below
        String serial = "12345678";
        int[] w = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * w[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        String right = "EE" + serial + check + "CN";
        String wrong = "EE" + serial + ((check + 1) % 10) + "CN";
        assertThat(extractor.numbers(right).get(0).confidence()).isEqualTo(EntityExtractor.CHECKED);
        assertThat(extractor.carriers().identify(right)).isPresent();
        assertThat(extractor.carriers().identify(wrong)).isEmpty();
        assertThat(extractor.carriers().failsCheck(wrong)).isTrue();
        assertThat(extractor.extract("EMS " + wrong).waybillNumbers()).doesNotContain(wrong);
    }

    @Test
    void anOrderLabelDoesNotMakeItsWaybillLabelSuffixAWaybill() {
        Entities e = extractor.extract("订单号：SO2026112301");
        assertThat(e.orderNumbers()).containsExactly("SO2026112301");
        assertThat(e.waybillNumbers()).isEmpty();
    }
}
