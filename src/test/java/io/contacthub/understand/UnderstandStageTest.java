package io.contacthub.understand;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.customer.PhoneNumbers;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default rules from application.yml, applied to the kind of text customers send. */
class UnderstandStageTest {

    /** The rules exactly as shipped in application.yml. */
    private static final UnderstandProperties DEFAULTS = shippedRules();

    private static UnderstandProperties shippedRules() {
        try {
            var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("hub.understand", UnderstandProperties.class).get();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final UnderstandStage stage = new UnderstandStage(new EntityExtractor(DEFAULTS, new PhoneNumbers("CN")),
            new LanguageDetector(), new IntentClassifier(DEFAULTS), DEFAULTS);

    @Test
    void chineseTrackingQuestionFindsWaybillPhoneAndLanguage() {
        Understanding u = stage.understand("您好，我的快递到哪了？运单号：SF1234567890123，联系电话 138-1234-5678。", Map.of());
        assertThat(u.language()).isEqualTo("zh");
        assertThat(u.intent()).isEqualTo(Intent.TRACKING);
        assertThat(u.entities().waybillNumbers()).containsExactly("SF1234567890123");
        assertThat(u.entities().phones()).containsExactly("+8613812345678");
    }

    @Test
    void englishComplaintWinsOverOrderWordsBecauseComplaintRulesComeFirst() {
        Understanding u = stage.understand("My order SO2026112233 arrived damaged. This is URGENT.", Map.of());
        assertThat(u.language()).isEqualTo("en");
        assertThat(u.intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(u.intentReason()).contains("damaged");
        assertThat(u.urgent()).isTrue();
        assertThat(u.entities().orderNumbers()).containsExactly("SO2026112233");
    }

    @Test
    void englishKeywordsMatchWholeWordsOnly() {
        Understanding u = stage.understand("We ship across the border every week.", Map.of());
        assertThat(u.intent()).isEqualTo(Intent.GENERAL);
    }

    @Test
    void chineseOrderNumberAfterLabelIsFound() {
        Understanding u = stage.understand("订单号：20261123456 需要修改收货地址", Map.of());
        assertThat(u.intent()).isEqualTo(Intent.ORDER);
        assertThat(u.entities().orderNumbers()).containsExactly("20261123456");
    }

    @Test
    void emsAndEmailAndInternationalPhoneAreNormalised() {
        // EA123456785CN: UPU S10 check digit 5 (the test once used EA123456789CN, whose check digit is wrong)
        Understanding u = stage.understand("EMS EA123456785CN, write to Ops@Example.COM or call +44 20 7946 0958", Map.of());
        assertThat(u.entities().waybillNumbers()).containsExactly("EA123456785CN");
        assertThat(u.entities().emails()).containsExactly("ops@example.com");
        assertThat(u.entities().phones()).containsExactly("+442079460958");
    }

    @Test
    void invalidPhoneNumbersAreNotReported() {
        assertThat(stage.understand("call 12345", Map.of()).entities().phones()).isEmpty();
    }

    @Test
    void declaredFormFieldsCountAsEntities() {
        Understanding u = stage.understand("please check", Map.of("orderNumber", "a-77", "waybillNumber", "JDX000123456789"));
        assertThat(u.entities().orderNumbers()).containsExactly("A-77");
        assertThat(u.entities().waybillNumbers()).containsExactly("JDX000123456789");
    }

    @Test
    void declaredIntentWinsOverKeywordsAndAnUnknownOneIsIgnored() {
        Understanding declared = stage.understand("I want to place an order", Map.of("intent", "complaint"));
        assertThat(declared.intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(declared.intentReason()).contains("declared");
        Understanding unknown = stage.understand("I want to place an order", Map.of("intent", "lottery"));
        assertThat(unknown.intent()).isEqualTo(stage.understand("I want to place an order", Map.of()).intent());
    }
}
