package io.contacthub.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.notify.NotificationTemplates;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The complaint notices render in both languages, as e-mail and as short SMS text. */
class ComplaintTemplatesTest {

    private final NotificationTemplates templates = new NotificationTemplates();

    private static Map<String, Object> base() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ref", "CH-000042");
        vars.put("tag", "[#CH-000042]");
        vars.put("subject", "Damaged pallets");
        vars.put("name", "Li Wei");
        return vars;
    }

    @Test
    void openedSaysWhenTheCustomerWillHearFromUs() {
        Map<String, Object> vars = base();
        vars.put("firstResponseEn", ComplaintNotices.english(Duration.ofHours(4)));
        vars.put("firstResponseZh", ComplaintNotices.chinese(Duration.ofHours(4)));
        vars.put("resolutionEn", ComplaintNotices.english(Duration.ofDays(2)));
        vars.put("resolutionZh", ComplaintNotices.chinese(Duration.ofDays(2)));
        assertThat(templates.render("complaint_opened", "en", vars)).contains("Hello Li Wei").contains("CH-000042")
                .contains("within 4 hours").contains("within 2 days");
        assertThat(templates.render("complaint_opened", "zh", vars)).contains("Li Wei，您好").contains("4 小时").contains("2 天");
        assertThat(templates.renderShort("complaint_opened", "en", vars)).startsWith("[#CH-000042]").contains("4 hours")
                .hasSizeLessThan(160);
        assertThat(templates.renderShort("complaint_opened", "zh", vars)).contains("4 小时").hasSizeLessThan(70);
    }

    @Test
    void resolvedCarriesTheResolutionAndTheCompensationOnlyWhenThereIsOne() {
        Map<String, Object> vars = base();
        vars.put("resolution", "Pallets replaced.");
        assertThat(templates.render("complaint_resolved", "en", vars)).contains("Pallets replaced.").doesNotContain("Compensation");
        assertThat(templates.render("complaint_resolved", "zh", vars)).contains("处理结果").doesNotContain("补偿：");
        assertThat(templates.renderShort("complaint_resolved", "en", vars)).isEqualTo("[#CH-000042] Your complaint is resolved: Pallets replaced.");
        vars.put("compensation", "200 CNY refund");
        assertThat(templates.render("complaint_resolved", "en", vars)).contains("Compensation: 200 CNY refund");
        assertThat(templates.render("complaint_resolved", "zh", vars)).contains("补偿：200 CNY refund");
        assertThat(templates.renderShort("complaint_resolved", "zh", vars)).contains("补偿：200 CNY refund");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(ComplaintNotices.english(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(ComplaintNotices.english(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(ComplaintNotices.english(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(ComplaintNotices.chinese(Duration.ofDays(7))).isEqualTo("7 天");
        assertThat(ComplaintNotices.chinese(Duration.ofMinutes(30))).isEqualTo("30 分钟");
    }
}
