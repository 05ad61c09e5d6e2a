package io.contacthub.web;

import static io.contacthub.web.PasswordRules.Problem.CONTAINS_USERNAME;
import static io.contacthub.web.PasswordRules.Problem.TOO_COMMON;
import static io.contacthub.web.PasswordRules.Problem.TOO_LONG;
import static io.contacthub.web.PasswordRules.Problem.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The password rules on their own: length in characters, BCrypt's 72 bytes, the user name, common passwords. */
class StaffPasswordRulesTest {

    @Test
    void atLeastTwelveCharactersCountedAsCharactersNotBytes() {
        assertThat(PasswordRules.check("li.na", "elevenchars")).contains(TOO_SHORT);
        assertThat(PasswordRules.check("li.na", null)).contains(TOO_SHORT);
        assertThat(PasswordRules.check("li.na", "twelve chars")).isEmpty();
        assertThat(PasswordRules.check("li.na", "我们的仓库在上海浦东新区")).as("12 Chinese characters").isEmpty();
        assertThat(PasswordRules.check("li.na", "仓库在上海浦东新区")).contains(TOO_SHORT);
    }

    @Test
    void atMostSeventyTwoBytesBecauseBcryptReadsNoFurther() {
        assertThat(PasswordRules.check("li.na", "xy".repeat(36))).isEmpty();
        assertThat(PasswordRules.check("li.na", "xy".repeat(36) + "z")).contains(TOO_LONG);
        assertThat(PasswordRules.check("li.na", "仓".repeat(25))).as("75 bytes in UTF-8").contains(TOO_LONG);
    }

    @Test
    void notTheUserNameNorContainingItInAnyCase() {
        assertThat(PasswordRules.check("wang.fang", "wang.fang")).contains(TOO_SHORT);
        assertThat(PasswordRules.check("wang.fang.sh", "WANG.FANG.SH")).contains(CONTAINS_USERNAME);
        assertThat(PasswordRules.check("wang.fang", "I am Wang.Fang 2026")).contains(CONTAINS_USERNAME);
        assertThat(PasswordRules.check("admin", "test-admin-password")).contains(CONTAINS_USERNAME);
        assertThat(PasswordRules.check("li", "believe it or not")).as("a two-letter name inside a word is fine").isEmpty();
    }

    @Test
    void notACommonPasswordNorOneCharacterRepeated() {
        assertThat(PasswordRules.check("li.na", "Password1234")).contains(TOO_COMMON);
        assertThat(PasswordRules.check("li.na", "1qaz2wsx3edc")).contains(TOO_COMMON);
        assertThat(PasswordRules.check("li.na", "woaini1314520")).contains(TOO_COMMON);
        assertThat(PasswordRules.check("li.na", "aaaaaaaaaaaaaaaa")).contains(TOO_COMMON);
        assertThat(PasswordRules.check("li.na", "correct horse battery staple")).isEmpty();
    }

    @RepeatedTest(20)
    void theHubsOneTimePasswordsMeetTheRules() {
        String password = StaffDirectory.oneTimePassword("li.na");
        assertThat(password).matches("[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}");
        assertThat(PasswordRules.check("li.na", password)).isEmpty();
    }
}
