package io.contacthub.channel.email;

import io.contacthub.cluster.LeaderRoutes;
import io.contacthub.cluster.Leadership;
import io.contacthub.intake.SourceHealth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per configured mailbox, each made from the {@code email-mailbox} route template in
 * routes/channels/email-in.camel.yaml. With no mailbox configured the channel stays off and says so. In cluster
 * mode only the elected node polls: the routes are created stopped on every node and run while it leads.
 */
@Configuration(proxyBeanMethods = false)
class MailboxRoutes {

    private static final Logger log = LoggerFactory.getLogger(MailboxRoutes.class);
    static final String TEMPLATE = "email-mailbox";

    @Bean
    CamelContextConfiguration mailboxRouteCreator(MailSettings settings, SourceHealth health, MailboxUids uids,
                                                  Leadership leadership) {
        List<MailSettings.Mailbox> mailboxes = settings.all();
        // Validate every mailbox before anything starts, so a typo fails the start-up loudly.
        Set<String> names = new HashSet<>();
        Map<String, String> uris = new java.util.LinkedHashMap<>();
        Map<String, MailboxCursor> cursors = new java.util.LinkedHashMap<>();
        for (MailSettings.Mailbox mailbox : mailboxes) {
            if (mailbox.name() == null || mailbox.name().isBlank() || !names.add(mailbox.name())) {
                throw new IllegalStateException("every mailbox needs a unique name; got '" + mailbox.name() + "'");
            }
            String cursorBean = "mailboxCursor" + cursors.size();
            uris.put(mailbox.name(), MailboxUri.toCamelUri(mailbox, settings, cursorBean));
            cursors.put(cursorBean, uids.register(new MailboxCursor(mailbox.name(), mailbox.onFirstPoll(), settings.fetchSize(), uids)));
        }
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (uris.isEmpty()) {
                    log.info("email channel off: no mailbox configured (set HUB_MAIL_URL or hub.mail.mailboxes)");
                    return;
                }
                // Each route's consumer reads its mailbox through its own cursor (which mail is new).
                cursors.forEach((bean, cursor) -> camelContext.getRegistry().bind(bean, cursor));
                LeaderRoutes.createStoppedWhenElected(leadership, camelContext, TEMPLATE);
                List<String> routeIds = new ArrayList<>();
                uris.forEach((name, uri) -> {
                    try {
                        routeIds.add(camelContext.addRouteFromTemplate("mailbox-" + name, TEMPLATE,
                                Map.of("mailbox", name, "mailUri", uri)));
                        health.register("mailbox:" + name);
                        log.info("email channel: reading mailbox '{}' ({})", name, redact(uri));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start mailbox " + name + ": " + e.getMessage(), e);
                    }
                });
                LeaderRoutes.runWhileLeading(leadership, camelContext, "the mailbox pollers", routeIds);
            }
        };
    }

    static String redact(String uri) {
        return uri.replaceAll("password=RAW(\\([^)]*\\)|\\{[^}]*})", "password=***");
    }
}
