package io.contacthub.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The search box's syntax, without a database (the text arrives normalised: lower case, NFKC). */
class SearchTextTest {

    @Test
    void wordsAreSeparatedByWhiteSpaceAndQuotesKeepAPhrase() {
        SearchText.Parsed parsed = SearchText.parse("破损  sf123 \"not   delivered\" “没 收到”");
        assertThat(parsed.words()).extracting(SearchText.Word::text).containsExactly("破损", "sf123", "not delivered", "没 收到");
        assertThat(parsed.ignored()).isEmpty();
    }

    @Test
    void wordsShorterThanTwoCharactersAreLeftOutAndSaid() {
        SearchText.Parsed parsed = SearchText.parse("箱 破损 x");
        assertThat(parsed.words()).extracting(SearchText.Word::text).containsExactly("破损");
        assertThat(parsed.ignored()).containsExactly("箱", "x");
        assertThat(SearchText.parse("a").empty()).isTrue();
        // One character outside the basic plane is one character.
        assertThat(SearchText.parse("𠀀").ignored()).containsExactly("𠀀");
        assertThat(SearchText.parse("𠀀𠀁").words()).hasSize(1);
    }

    @Test
    void likeWildcardsAreEscaped() {
        SearchText.Word word = SearchText.parse("50%_off\\").words().get(0);
        assertThat(word.patterns()).containsExactly("%50\\%\\_off\\\\%");
    }

    @Test
    void aPhoneNumberWithSeparatorsIsAlsoLookedForAsItsDigits() {
        assertThat(SearchText.parse("\"138 0013 8000\"").words().get(0).forms()).containsExactly("138 0013 8000", "13800138000");
        assertThat(SearchText.parse("+86-138-0013-8000").words().get(0).forms()).containsExactly("+86-138-0013-8000", "8613800138000");
        assertThat(SearchText.parse("(021)6543.2100").words().get(0).forms()).containsExactly("(021)6543.2100", "02165432100");
        assertThat(SearchText.parse("13800138000").words().get(0).forms()).containsExactly("13800138000");
        assertThat(SearchText.parse("ord-2026-1").words().get(0).forms()).containsExactly("ord-2026-1");
    }

    @Test
    void aReferenceCopiedWithItsTagAndTrailingPunctuationAreTrimmed() {
        assertThat(SearchText.parse("[#ch-000123] sf123456,").words()).extracting(SearchText.Word::text)
                .containsExactly("ch-000123", "sf123456");
        assertThat(SearchText.parse("破损。").words()).extracting(SearchText.Word::text).containsExactly("破损");
        assertThat(SearchText.parse("(sf123456) (021)6543").words()).extracting(SearchText.Word::text)
                .containsExactly("sf123456", "(021)6543");
    }

    @Test
    void repeatedWordsCountOnceAndAtMostEightWordsAreSearched() {
        assertThat(SearchText.parse("ab ab ab").words()).hasSize(1);
        assertThat(SearchText.parse("a1 b2 c3 d4 e5 f6 g7 h8").words()).hasSize(8);
        assertThatThrownBy(() -> SearchText.parse("a1 b2 c3 d4 e5 f6 g7 h8 i9"))
                .isInstanceOf(TicketSearch.InvalidSearch.class).hasMessageContaining("at most 8 words");
    }

    @Test
    void controlCharactersAreDropped() {
        assertThat(SearchText.parse("ab\u0000cd\u0007").words()).extracting(SearchText.Word::text).containsExactly("abcd");
    }
}
