package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.descriptor.ChannelCatalog;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The hub's stored English sentences, as staff read them in Chinese and in English. */
class ShownTextTest {

    private final ShownText shown = new ShownText(messages(), new ChannelCatalog(List.of(), List.of()), null);

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aReviewReasonNamesTheMissingFieldsInTheReadersLanguage() {
        String stored = "order request not sent to the order system: missing deliveryAddress, goods\n"
                + "no automatic tracking answer: waybill SF1234567890 is unknown to the tracking system";
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(shown.reviewReasons(stored)).containsExactly("订单请求未发送到订单系统：缺少收货地址、货物名称",
                "未能自动答复查件：查件系统中没有运单 SF1234567890");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(shown.reviewReasons(stored)).containsExactly(
                "order request not sent to the order system: missing delivery address, goods",
                "no automatic tracking answer: waybill SF1234567890 is unknown to the tracking system");
    }

    @Test
    void aFaxThatNeedsCheckingListsEachReason() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(shown.reviewReason("order request not sent to the order system: the fax needs checking (required field goods not found;"
                + " field pieces read with low confidence 0.42 (\"l2\"); poor OCR: mean confidence 41 below 60)"))
                .isEqualTo("订单请求未发送到订单系统：传真需要核对（未找到必填字段货物名称; 件数识别置信度低（0.42，“l2”）;"
                        + " 文字识别质量差：平均置信度 41 低于 60）");
        assertThat(shown.reviewReason("order request not sent to the order system: missing pieces (unsure: \"l2\")"))
                .isEqualTo("订单请求未发送到订单系统：缺少件数（不确定：“l2”）");
    }

    @Test
    void aSentenceNoRuleKnowsIsShownAsStored() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(shown.reviewReasons("checked by hand")).containsExactly("checked by hand");
        assertThat(shown.error("something else went wrong")).isEqualTo("something else went wrong");
        assertThat(shown.subject("我的包裹")).isEqualTo("我的包裹");
    }

    @Test
    void staffHistoryAndHubSubjectsAreTranslatedWithTheirCodes() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(shown.staffDetail("role SUPERVISOR → AGENT, team 华东组 → -")).isEqualTo("角色：主管 → 客服、团队：华东组 → -");
        assertThat(shown.staffDetail("role AGENT, team 华东组")).isEqualTo("角色客服，团队 华东组");
        assertThat(shown.subject("Fax from +862150001234 (3 pages)")).isEqualTo("来自 +862150001234 的传真（3 页）");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(shown.subject("Fax from +862150001234 (1 page)")).isEqualTo("Fax from +862150001234 (1 page)");
        assertThat(shown.subject("Fax from +862150001234 (3 pages)")).isEqualTo("Fax from +862150001234 (3 pages)");
    }

    @Test
    void formErrorsAreTranslatedOneByOne() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(shown.error("is not a valid e-mail address; must be at most 254 characters")).isEqualTo("电子邮件地址无效。; 最多 254 个字符。");
        assertThat(shown.error("cannot ACKNOWLEDGE a case that is RESOLVED; ACKNOWLEDGE is allowed when the case is OPEN"))
                .isEqualTo("案件状态为“已解决”时不能执行“确认受理”；只有在以下状态时可以：已立案。");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(shown.error("is required")).isEqualTo("is required");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
