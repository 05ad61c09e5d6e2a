package io.contacthub.channel.fax;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.understand.forms.FormFields;
import org.junit.jupiter.api.Test;

/** When the whitelist second reading of a field's region counts as confirming the first reading. */
class FaxSecondReadingAgreementTest {

    private static FormFields.Field field(String value, String raw) {
        return new FormFields.Field(value, 0.9, "Order No", raw, null, null);
    }

    @Test
    void anOrderNumberWhosePrefixTheWhitelistReadsAsDigitsStillAgreesOnItsDigits() {
        FormFields.Field order = field("SO2896754145", "SO2896754145");

        assertThat(FaxReading.agree("order", order, "SO02896754145")).isTrue();
        assertThat(FaxReading.agree("order", order, "802896754145")).isTrue();
        assertThat(FaxReading.agree("order", order, "02896754145")).isTrue();
    }

    @Test
    void anOrderNumberWithADigitReadDifferentlyTheSecondTimeDisagrees() {
        FormFields.Field order = field("SO2896754145", "SO2896754145");

        assertThat(FaxReading.agree("order", order, "SO2896754745")).isFalse();
        assertThat(FaxReading.agree("order", order, "SO12896754145")).as("an extra real digit before the number").isFalse();
        assertThat(FaxReading.agree("order", field("SO896754145", "SO896754145"), "SO2896754145"))
                .as("a first reading that lost a leading digit").isFalse();
    }

    @Test
    void aWeightWithAChineseUnitIsNotDisputedByASecondReadingWithoutDigitsButALatinOneIs() {
        assertThat(FaxReading.agree("weight", field("45 kg", "45 公斤"), "ASAT")).isTrue();
        assertThat(FaxReading.agree("weight", field("45 kg", "45 kg"), "ASAT")).isFalse();
        assertThat(FaxReading.agree("weight", field("45 kg", "45 公斤"), "46")).isFalse();
    }
}
