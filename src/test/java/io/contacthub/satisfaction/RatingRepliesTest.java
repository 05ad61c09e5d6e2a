package io.contacthub.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RatingRepliesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"4|4", " 5 |5", "４|4", "３分|3", "5星！|5", "1 star|1", "4 Stars.|4", "3/5|3", "2。|2", "(5)|5"})
    void aTextThatIsOnlyARatingIsTakenAsOne(String text, int score) {
        assertThat(RatingReplies.score(text)).hasValue(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "6", "45", "5 boxes are missing", "4 parcels", "我要投诉 5", "SO2026001234", "1 2 3 4 5",
            "请在 4 点前送到"})
    void anythingElseIsAMessageForStaff(String text) {
        assertThat(RatingReplies.score(text)).isEmpty();
    }
}
