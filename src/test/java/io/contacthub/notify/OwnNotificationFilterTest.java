package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.intake.AutomationSignals;
import io.contacthub.intake.ParsedContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loop protection and template rendering, without the hub. */
class OwnNotificationFilterTest {

    private final NotifySettings settings = new NotifySettings("", "Support@Example.com", null, List.of("orders@example.com"),
            Duration.ofSeconds(1), 20, null, null, null, null);
    private final OwnNotificationFilter filter = new OwnNotificationFilter(settings);

    @Test
    void ignoresOurOwnNotificationsAndOurOwnAddresses() {
        AutomationSignals ours = new AutomationSignals(null, null, null, null, null, null, "17");
        assertThat(filter.reasonToIgnore(mail("someone@example.net", ours))).get().asString()
                .contains("X-Contact-Hub-Notification: 17");
        assertThat(filter.reasonToIgnore(mail("support@example.com", AutomationSignals.NONE))).isPresent();
        assertThat(filter.reasonToIgnore(mail("ORDERS@example.com", AutomationSignals.NONE))).isPresent();
        assertThat(filter.reasonToIgnore(mail("customer@example.net", AutomationSignals.NONE))).isEmpty();
        assertThat(filter.reasonToIgnore(mail(null, AutomationSignals.NONE))).isEmpty();
        assertThat(settings.smtpConfigured()).isFalse();
    }

    @Test
    void rendersAcknowledgementsInTheContactsLanguage() {
        NotificationTemplates templates = new NotificationTemplates();
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("ref", "CH-000123", "tag", "[#CH-000123]", "subject", "仓储"));
        vars.put("name", null);
        assertThat(templates.render("ack", "zh", vars)).startsWith("您好：").contains("CH-000123").contains("[#CH-000123]");
        assertThat(templates.render("ack", "fr", vars)).startsWith("Hello,").contains("CH-000123");
        vars.put("name", "Li Wei");
        assertThat(templates.render("ack", "en", vars)).startsWith("Hello Li Wei,");
    }

    private static ParsedContent mail(String from, AutomationSignals signals) {
        return new ParsedContent("subject", "body", null, from, null, "<x@example.net>", List.of(), List.of(), signals, Map.of());
    }
}
