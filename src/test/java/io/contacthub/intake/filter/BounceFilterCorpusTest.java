package io.contacthub.intake.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.channel.email.CorpusFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real bounces from the e-mail corpus, parsed by EmailParser, must be recognised by BounceFilter. */
class BounceFilterCorpusTest {

    private final BounceFilter filter = new BounceFilter();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"msg_16.eml", "msg_25.eml", "msg_43.eml"})
    void realBouncesAreIgnoredAsBounces(String fileName) {
        CorpusFixtures.assumeEmailCorpusPresent("BounceFilterCorpusTest");
        assertThat(filter.reasonToIgnore(CorpusFixtures.parse(fileName))).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("bounce"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"msg_01.eml", "msg_07.eml", "msg_46.eml", "demisto-parse-emails_chinese_email_test.eml",
            "spamscope-mail-parser_mail_test_12_gb2312-subject-utf8-body.eml"})
    void mailWrittenByPeopleIsNotTakenForABounce(String fileName) {
        CorpusFixtures.assumeEmailCorpusPresent("BounceFilterCorpusTest");
        assertThat(filter.reasonToIgnore(CorpusFixtures.parse(fileName))).isEmpty();
    }
}
