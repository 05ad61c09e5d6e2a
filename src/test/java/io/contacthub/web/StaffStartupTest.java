package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.web.console.FormSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The staff accounts at start-up, on whole hubs started and restarted on one data directory the way an operator
 * does: HUB_ADMIN_PASSWORD after the first start is not applied but says so, {@code --hub.recover-admin} gives a
 * lost admin account a one-time password printed once, and there is always an active admin.
 */
class StaffStartupTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ONE_TIME = Pattern.compile("one-time password\\s+([a-z2-9]{4}(?:-[a-z2-9]{4}){3})");

    @Test
    void aLaterAdminPasswordIsNotAppliedButTheLogSaysSoAndHowToRecover() throws Exception {
        Path data = dataDir();
        try (HubProcess first = new HubProcess(data).start()) {
            assertThat(status(first, "admin", HubProcess.ADMIN_PASSWORD)).isEqualTo(200);
        }
        Log log = new Log();
        try (HubProcess later = new HubProcess(data).set("hub.admin-password", "a-different-secret-2026").listener(log.attach()).start()) {
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("HUB_ADMIN_PASSWORD is set but was NOT applied")
                    .contains("only on the first start")
                    .contains("--hub.recover-admin"));
            assertThat(status(later, "admin", HubProcess.ADMIN_PASSWORD)).as("the password as it was").isEqualTo(200);
            assertThat(status(later, "admin", "a-different-secret-2026")).isEqualTo(401);
        }
        Log same = new Log();
        try (HubProcess again = new HubProcess(data).listener(same.attach()).start()) {
            assertThat(same.warnings()).as("the variable matches the password: nothing to warn about")
                    .noneSatisfy(w -> assertThat(w).contains("HUB_ADMIN_PASSWORD"));
            assertThat(same.infos()).anySatisfy(i -> assertThat(i).contains("used only on the first start"));
        }
    }

    @Test
    void recoverAdminGivesTheAccountAOneTimePasswordPrintedOnceThatMustBeChanged() throws Exception {
        Path data = dataDir();
        try (HubProcess first = new HubProcess(data).start()) {
            assertThat(status(first, "admin", HubProcess.ADMIN_PASSWORD)).isEqualTo(200);
        }
        // The admin forgot the password; the operator starts the hub once with --hub.recover-admin (no value: admin).
        Log log = new Log();
        String oneTime;
        try (HubProcess recovering = new HubProcess(data).set("hub.recover-admin", "").listener(log.attach()).start()) {
            List<String> printed = log.warnings().stream().filter(w -> ONE_TIME.matcher(w).find()).toList();
            assertThat(printed).hasSize(1);
            assertThat(printed.get(0)).contains("'admin'").contains("shown only this once").contains("Remove hub.recover-admin");
            Matcher m = ONE_TIME.matcher(printed.get(0));
            assertThat(m.find()).isTrue();
            oneTime = m.group(1);

            assertThat(status(recovering, "admin", HubProcess.ADMIN_PASSWORD)).as("the lost password").isEqualTo(401);
            assertThat(status(recovering, "admin", oneTime)).as("only for the console's password page").isEqualTo(403);
            FormSession console = new FormSession(recovering.port());
            assertThat(console.signIn("/login", "admin", oneTime)).endsWith("/console");
            assertThat(console.get("/console").headers().firstValue("Location").orElse("")).endsWith("/console/password");
            console.get("/console/password");
            assertThat(console.post("/console/password", Map.of("current", oneTime, "password", "recovered and renewed",
                    "repeat", "recovered and renewed"), true).statusCode()).isEqualTo(302);
            assertThat(status(recovering, "admin", "recovered and renewed")).isEqualTo(200);
        }
        // Started again without it: the password the admin chose stays.
        Log normal = new Log();
        try (HubProcess after = new HubProcess(data).set("hub.admin-password", "").listener(normal.attach()).start()) {
            assertThat(status(after, "admin", "recovered and renewed")).isEqualTo(200);
            assertThat(normal.warnings()).noneSatisfy(w -> assertThat(w).contains("one-time password"));
        }
    }

    @Test
    void thereIsAlwaysAnActiveAdminAndRecoveryBringsADeactivatedOneBack() throws Exception {
        Path data = dataDir();
        try (HubProcess hub = new HubProcess(data).start()) {
            StaffDirectory staff = hub.bean(StaffDirectory.class);
            // The only admin can neither give themselves another role nor be deactivated, by anyone.
            HttpResponse<String> demote = send(hub, "PATCH", "/api/admin/staff/admin", "{\"role\": \"SUPERVISOR\"}", "admin",
                    HubProcess.ADMIN_PASSWORD);
            assertThat(demote.statusCode()).isEqualTo(409);
            assertThat(demote.body()).contains("admin is the last active admin");
            assertThat(send(hub, "POST", "/api/admin/staff/admin/deactivate", "", "admin", HubProcess.ADMIN_PASSWORD).statusCode())
                    .isEqualTo(409);
            assertThatThrownBy(() -> staff.deactivate("admin", "someone else"))
                    .isInstanceOfSatisfying(StaffDirectory.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(StaffDirectory.Refused.Reason.LAST_ADMIN));
            assertThatThrownBy(() -> staff.update("admin", new StaffDirectory.Details(null, "AGENT", null, null, null, null), "someone"))
                    .isInstanceOfSatisfying(StaffDirectory.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(StaffDirectory.Refused.Reason.LAST_ADMIN));

            // With a second admin, one may deactivate the other, and then the second is the last.
            String oneTime = staff.create("boss", new StaffDirectory.Details("Boss", "ADMIN", null, null, null, null), "admin")
                    .oneTimePassword();
            FormSession boss = new FormSession(hub.port());
            boss.signIn("/login", "boss", oneTime);
            boss.get("/console/password");
            assertThat(boss.post("/console/password", Map.of("current", oneTime, "password", "decisions are made here",
                    "repeat", "decisions are made here"), true).statusCode()).isEqualTo(302);
            assertThat(send(hub, "POST", "/api/admin/staff/admin/deactivate", "", "boss", "decisions are made here").statusCode()).isEqualTo(200);
            assertThat(status(hub, "admin", HubProcess.ADMIN_PASSWORD)).isEqualTo(401);
            HttpResponse<String> bossDemotes = send(hub, "PATCH", "/api/admin/staff/boss", "{\"role\": \"AGENT\"}", "boss",
                    "decisions are made here");
            assertThat(bossDemotes.statusCode()).isEqualTo(409);
            assertThat(staff.get("boss").role()).isEqualTo("ADMIN");
            // A deactivated admin is not an active one: demoting it is fine.
            assertThat(staff.update("admin", new StaffDirectory.Details(null, "SUPERVISOR", null, null, null, null), "boss").role())
                    .isEqualTo("SUPERVISOR");
        }
        // Recovery of the account 'admin': active and ADMIN again, with a one-time password.
        Log log = new Log();
        try (HubProcess hub = new HubProcess(data).set("hub.recover-admin", "admin").listener(log.attach()).start()) {
            String printed = log.warnings().stream().filter(w -> ONE_TIME.matcher(w).find()).findFirst().orElseThrow();
            assertThat(printed).contains("was SUPERVISOR, deactivated");
            Matcher m = ONE_TIME.matcher(printed);
            assertThat(m.find()).isTrue();
            StaffDirectory.Account admin = hub.bean(StaffDirectory.class).get("admin");
            assertThat(admin.active()).isTrue();
            assertThat(admin.role()).isEqualTo("ADMIN");
            assertThat(admin.mustChangePassword()).isTrue();
            assertThat(status(hub, "admin", m.group(1))).isEqualTo(403);
            assertThat(hub.bean(StaffDirectory.class).events("admin", 5).get(0).action()).isEqualTo("RECOVERED");
        }
    }

    // ---- helpers ----

    private static Path dataDir() {
        return Path.of("target", "test-data", "staff-" + UUID.randomUUID());
    }

    private static int status(HubProcess hub, String user, String password) throws Exception {
        return send(hub, "GET", "/api/tickets", null, user, password).statusCode();
    }

    private static HttpResponse<String> send(HubProcess hub, String method, String path, String json, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What StaffStartup logs during one start (attached once Spring Boot has set up logging, before the context starts). */
    private static final class Log {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        ApplicationListener<ApplicationPreparedEvent> attach() {
            return event -> {
                Logger logger = (Logger) LoggerFactory.getLogger(StaffStartup.class);
                appender.start();
                logger.addAppender(appender);
            };
        }

        List<String> warnings() {
            return messages(Level.WARN);
        }

        List<String> infos() {
            return messages(Level.INFO);
        }

        private List<String> messages(Level level) {
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
