package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff accounts as the console and the API serve them, seen by plain HTTP clients: password rules, who may manage
 * accounts, what deactivating and resetting do to sessions and Basic credentials, and each person's profile.
 */
class StaffAccountsTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    StaffProfiles profiles;

    @Test
    void passwordsThatBreakTheRulesAreRefusedWithAClearMessage() throws Exception {
        Made agent = create("AGENT");
        FormSession person = new FormSession(port);
        assertThat(person.signIn("/login", agent.username(), agent.oneTimePassword())).endsWith("/console");
        // Until they have chosen their own password, the console is that one page.
        assertThat(person.get("/console").headers().firstValue("Location").orElse("")).endsWith("/console/password");
        assertThat(person.get("/console/tickets/CH-000001").headers().firstValue("Location").orElse("")).endsWith("/console/password");
        assertThat(person.get("/console/password").body()).contains("Choose your own password");

        assertThat(choose(person, agent.oneTimePassword(), "too-short")).contains("The password must have at least 12 characters.");
        assertThat(choose(person, agent.oneTimePassword(), "my name is " + agent.username())).contains("must not be or contain your user name");
        assertThat(choose(person, agent.oneTimePassword(), "Password1234")).contains("one of the most common ones");
        assertThat(choose(person, agent.oneTimePassword(), "zzzzzzzzzzzzzzzz")).contains("one of the most common ones");
        assertThat(choose(person, agent.oneTimePassword(), "a".repeat(12) + "长".repeat(21))).contains("at most 72 bytes");
        assertThat(choose(person, agent.oneTimePassword(), agent.oneTimePassword())).contains("must differ from the current one");
        assertThat(choose(person, "not-my-password", "a perfectly good password")).contains("The current password is not right.");
        assertThat(person.post("/console/password", Map.of("current", agent.oneTimePassword(), "password", "a perfectly good password",
                "repeat", "a perfectly good passwort"), true).body()).contains("The two new passwords are not the same.");
        // In Chinese too.
        person.get("/console/password?lang=zh");
        assertThat(choose(person, agent.oneTimePassword(), "short")).contains("密码至少需要 12 个字符。");
        person.get("/console/password?lang=en");

        HttpResponse<String> chosen = person.post("/console/password", Map.of("current", agent.oneTimePassword(),
                "password", "a perfectly good password", "repeat", "a perfectly good password"), true);
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElse("")).endsWith("/console/profile");
        assertThat(person.get("/console/profile").body()).contains("Your password is changed");
        assertThat(person.get("/console").statusCode()).as("the same session goes on").isEqualTo(200);
        assertThat(basic(agent.username(), "a perfectly good password", "/api/tickets").getStatusCode().value()).isEqualTo(200);
        assertThat(basic(agent.username(), agent.oneTimePassword(), "/api/tickets").getStatusCode().value()).isEqualTo(401);
        JsonNode account = staffGet("/api/admin/staff/" + agent.username());
        assertThat(account.path("mustChangePassword").asBoolean()).isFalse();
        assertThat(account.hasNonNull("passwordChangedAt")).isTrue();
    }

    @Test
    void agentsAndSupervisorsCannotReachTheStaffAdminPagesOrApi() throws Exception {
        for (String role : new String[] {"AGENT", "SUPERVISOR"}) {
            String name = staffUser(role);
            for (String path : new String[] {"/api/admin/staff", "/api/admin/staff/admin", "/api/admin/staff/admin/events"}) {
                assertThat(basic(name, "right-password-123", path).getStatusCode().value()).as(role + " GET " + path).isEqualTo(403);
            }
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            for (String path : new String[] {"/api/admin/staff", "/api/admin/staff/admin/deactivate", "/api/admin/staff/admin/password-reset"}) {
                assertThat(http.withBasicAuth(name, "right-password-123").exchange(path, HttpMethod.POST,
                        new HttpEntity<>("{\"username\": \"sneaky-" + role.toLowerCase() + "\", \"role\": \"ADMIN\"}", headers), String.class)
                        .getStatusCode().value()).as(role + " POST " + path).isEqualTo(403);
            }
            assertThat(http.withBasicAuth(name, "right-password-123").exchange("/api/admin/staff/" + name, HttpMethod.PATCH,
                    new HttpEntity<>("{\"role\": \"ADMIN\"}", headers), String.class).getStatusCode().value()).isEqualTo(403);

            FormSession console = new FormSession(port);
            assertThat(console.signIn("/login", name, "right-password-123")).endsWith("/console");
            assertThat(console.get("/console").body()).doesNotContain("/console/staff").contains("/console/profile");
            assertThat(console.get("/console/staff").statusCode()).isEqualTo(403);
            assertThat(console.get("/console/staff/admin").statusCode()).isEqualTo(403);
            assertThat(console.post("/console/staff", Map.of("username", "sneaky-" + role.toLowerCase(), "role", "ADMIN"), true)
                    .statusCode()).isEqualTo(403);
            assertThat(console.post("/console/staff/" + name, Map.of("role", "ADMIN"), true).statusCode()).isEqualTo(403);
            assertThat(console.post("/console/staff/admin/reset-password", Map.of(), true).statusCode()).isEqualTo(403);
            assertThat(console.get("/console/profile").statusCode()).as("their own profile").isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from staff_user where username like 'sneaky-%'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select role from staff_user where username = 'admin'").query(String.class).single()).isEqualTo("ADMIN");

        FormSession admin = new FormSession(port);
        admin.signIn("/login", "admin", ADMIN_PASSWORD);
        assertThat(admin.get("/console").body()).contains("/console/staff");
        assertThat(admin.get("/console/staff").statusCode()).isEqualTo(200);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/admin/staff", String.class).getStatusCode().value())
                .isEqualTo(200);
        assertThat(http.getForEntity("/api/admin/staff", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aDeactivatedAccountsSessionAndBasicCredentialsStopWorkingAtOnce() throws Exception {
        String agent = staffUser("AGENT");
        FormSession session = new FormSession(port);
        assertThat(session.signIn("/login", agent, "right-password-123")).endsWith("/console");
        assertThat(session.get("/console").statusCode()).isEqualTo(200);
        FormSession second = new FormSession(port);
        second.signIn("/login", agent, "right-password-123");
        second.get("/console"); // a page with the session's CSRF token
        FormSession watching = new FormSession(port);
        watching.signIn("/login", agent, "right-password-123");
        assertThat(basic(agent, "right-password-123", "/api/tickets").getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> off = staffPost("/api/admin/staff/" + agent + "/deactivate");
        assertThat(off.getStatusCode().value()).isEqualTo(200);
        assertThat(readJson(off.getBody()).path("active").asBoolean()).isFalse();
        assertThat(readJson(off.getBody()).path("deactivatedBy").asText()).isEqualTo("admin");

        HttpResponse<String> next = session.get("/console");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/login?ended");
        assertThat(session.get("/console").headers().firstValue("Location").orElse("")).as("the session is gone").endsWith("/login");
        assertThat(second.post("/console/profile", Map.of("displayName", "still here?"), true).headers().firstValue("Location")
                .orElse("")).endsWith("/login?ended");
        // The queue's live refresh (htmx) moves the whole page to the sign-in.
        HttpResponse<String> refresh = watching.get("/console/queue/rows", "HX-Request", "true");
        assertThat(refresh.headers().firstValue("HX-Redirect").orElse("")).endsWith("/login?ended");
        assertThat(basic(agent, "right-password-123", "/api/tickets").getStatusCode().value()).isEqualTo(401);
        assertThat(new FormSession(port).signIn("/login", agent, "right-password-123")).endsWith("/login?error");
        assertThat(profiles.of(agent).displayName()).isNull();
        // Nobody hands them new work.
        String ref = readJson(postMessage(json.writeValueAsString(Map.of("email", agent + "@customer.example", "subject", "hello",
                "body", "hello")), null).getBody()).path("ticket").asText();
        FormSession admin = new FormSession(port);
        admin.signIn("/login", "admin", ADMIN_PASSWORD);
        admin.post("/console/tickets/" + ref + "/assignee", Map.of("assignee", agent), true);
        assertThat(admin.get("/console/tickets/" + ref).body()).contains(agent + " is deactivated and cannot be given tickets");

        // Someone who comes back: reactivated, the same password works again.
        assertThat(staffPost("/api/admin/staff/" + agent + "/reactivate").getStatusCode().value()).isEqualTo(200);
        assertThat(new FormSession(port).signIn("/login", agent, "right-password-123")).endsWith("/console");
        assertThat(staffGet("/api/admin/staff/" + agent + "/events").findValuesAsText("action"))
                .containsSubsequence("REACTIVATED", "DEACTIVATED");
    }

    @Test
    void aResetEndsTheOldPasswordAndItsSessionsAndTheNextSignInMustChooseANewOne() throws Exception {
        String agent = staffUser("AGENT");
        FormSession session = new FormSession(port);
        session.signIn("/login", agent, "right-password-123");
        assertThat(session.get("/console").statusCode()).isEqualTo(200);

        ResponseEntity<String> reset = staffPost("/api/admin/staff/" + agent + "/password-reset");
        assertThat(reset.getStatusCode().value()).isEqualTo(200);
        assertThat(reset.getHeaders().getCacheControl()).contains("no-store");
        String oneTime = readJson(reset.getBody()).path("oneTimePassword").asText();
        assertThat(oneTime).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");

        assertThat(session.get("/console").headers().firstValue("Location").orElse("")).endsWith("/login?ended");
        assertThat(new FormSession(port).signIn("/login", agent, "right-password-123")).endsWith("/login?error");
        assertThat(basic(agent, "right-password-123", "/api/tickets").getStatusCode().value()).isEqualTo(401);
        // The one-time password opens only the console's password page; the API says what to do.
        ResponseEntity<String> api = basic(agent, oneTime, "/api/tickets");
        assertThat(api.getStatusCode().value()).isEqualTo(403);
        assertThat(says(api)).contains("must choose a new password").contains("/console/password");

        FormSession again = new FormSession(port);
        assertThat(again.signIn("/login", agent, oneTime)).endsWith("/console");
        assertThat(again.get("/console").headers().firstValue("Location").orElse("")).endsWith("/console/password");
        assertThat(choose(again, oneTime, "Back from holiday, new password")).isNull();
        assertThat(basic(agent, "Back from holiday, new password", "/api/tickets").getStatusCode().value()).isEqualTo(200);
        assertThat(again.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void adminsCreateAndChangeAccountsOverTheApiAndBadValuesAreRefusedSayingWhy() throws Exception {
        String name = "Wang.Fang-" + UUID.randomUUID().toString().substring(0, 6);
        ResponseEntity<String> made = staffPostJson("/api/admin/staff", json.writeValueAsString(Map.of("username", name,
                "displayName", "王芳", "role", "supervisor", "team", "华东组", "language", "zh", "timeZone", "Asia/Shanghai",
                "phone", "+86 21 5555 0101")));
        assertThat(made.getStatusCode().value()).isEqualTo(201);
        String username = name.toLowerCase();
        assertThat(made.getHeaders().getLocation()).hasToString("/api/admin/staff/" + username);
        assertThat(made.getHeaders().getCacheControl()).contains("no-store");
        JsonNode body = readJson(made.getBody());
        assertThat(body.path("oneTimePassword").asText()).hasSize(19);
        assertThat(body.path("account").path("role").asText()).isEqualTo("SUPERVISOR");
        assertThat(body.path("account").path("team").asText()).isEqualTo("华东组");
        assertThat(body.path("account").path("mustChangePassword").asBoolean()).isTrue();
        assertThat(body.path("account").has("passwordHash")).isFalse();
        assertThat(made.getBody()).doesNotContain("$2a$");
        assertThat(profiles.of(username).zoneId()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(profiles.of(username).name()).isEqualTo("王芳");

        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"" + username + "\"}"), 409, "already");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"x\"}"), 400, "user name");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"bad name\"}"), 400, "user name");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"ok-name-1\", \"role\": \"ROOT\"}"), 400, "role");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"ok-name-2\", \"timeZone\": \"Mars/Olympus\"}"), 400,
                "'Mars/Olympus' is not an IANA time zone");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"ok-name-3\", \"language\": \"fr\"}"), 400, "zh or en");
        assertRefused(staffPostJson("/api/admin/staff", "{\"username\": \"ok-name-4\", \"phone\": \"call me\"}"), 400, "phone");
        assertThat(jdbc.sql("select count(*) from staff_user where username like 'ok-name-%'").query(Long.class).single()).isZero();
        assertRefused(patch("/api/admin/staff/nobody-here", "{\"team\": \"x\"}"), 404, "no staff account");
        assertRefused(staffPost("/api/admin/staff/admin/deactivate"), 409, "your own account");

        ResponseEntity<String> changed = patch("/api/admin/staff/" + username, "{\"role\": \"AGENT\", \"team\": \"\"}");
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(readJson(changed.getBody()).path("role").asText()).isEqualTo("AGENT");
        assertThat(readJson(changed.getBody()).path("team").asText(null)).as("cleared").isNull();
        assertThat(readJson(changed.getBody()).path("displayName").asText()).as("left alone").isEqualTo("王芳");
        assertThat(staffGet("/api/admin/staff").findValuesAsText("username")).contains(username, "admin");
        assertThat(staffGet("/api/admin/staff/" + username + "/events").findValuesAsText("action")).containsExactly("CHANGED", "CREATED");
        assertThat(staffGet("/api/admin/staff/" + username + "/events").get(0).path("detail").asText())
                .contains("role SUPERVISOR → AGENT").contains("team 华东组 → -");
    }

    @Test
    void eachPersonKeepsTheirOwnProfileButNotTheirRole() throws Exception {
        String agent = staffUser("AGENT");
        FormSession me = new FormSession(port);
        me.signIn("/login", agent, "right-password-123");
        assertThat(me.get("/console/profile").body()).contains(agent).contains("Europe/Berlin");
        HttpResponse<String> bad = me.post("/console/profile", Map.of("displayName", "Anna", "language", "en", "timeZone", "Europe/Atlantis",
                "phone", ""), true);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("Europe/Atlantis is not a time zone.");

        HttpResponse<String> saved = me.post("/console/profile", Map.of("displayName", "Anna Schmidt", "language", "zh",
                "timeZone", "Europe/Berlin", "phone", "8021", "role", "ADMIN", "team", "Bosses"), true);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("hub-lang=zh"));
        StaffProfile profile = profiles.of(agent);
        assertThat(profile.zoneId()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(profile.name()).isEqualTo("Anna Schmidt");
        assertThat(profile.phone()).isEqualTo("8021");
        assertThat(profile.language()).isEqualTo("zh");
        assertThat(profile.team()).isNull();
        assertThat(jdbc.sql("select role from staff_user where username = ?").param(agent).query(String.class).single()).isEqualTo("AGENT");
        assertThat(me.get("/console/profile").body()).contains("我的资料");

        // Their language is the console's at the next sign-in, whatever the browser says.
        FormSession later = new FormSession(port);
        later.get("/login?lang=en");
        later.signIn("/login", agent, "right-password-123");
        assertThat(later.get("/console/profile").body()).contains("我的资料");
        // Someone with no zone of their own sees the hub's; a name that is no account gets an empty profile.
        assertThat(profiles.of("admin").zoneId()).isEqualTo(ZoneId.systemDefault());
        assertThat(profiles.of("no-such-person").name()).isEqualTo("no-such-person");
    }

    // ---- helpers ----

    private record Made(String username, String oneTimePassword) {
    }

    private Made create(String role) throws Exception {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<String> made = staffPostJson("/api/admin/staff", json.writeValueAsString(Map.of("username", name, "role", role)));
        assertThat(made.getStatusCode().value()).as(made.getBody()).isEqualTo(201);
        return new Made(name, readJson(made.getBody()).path("oneTimePassword").asText());
    }

    /** Posts the password form; the page's error text when it was refused, null when it went through. */
    private static String choose(FormSession person, String current, String next) throws Exception {
        person.get("/console/password"); // the form's CSRF token
        HttpResponse<String> answer = person.post("/console/password", Map.of("current", current, "password", next, "repeat", next), true);
        if (answer.statusCode() == 302) {
            return null;
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("<div class=\"flash bad\">([^<]*)</div>").matcher(answer.body());
        return error.find() ? error.group(1) : answer.body();
    }

    private ResponseEntity<String> basic(String user, String password, String path) {
        return http.withBasicAuth(user, password).getForEntity(path, String.class);
    }

    private ResponseEntity<String> patch(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange(path, HttpMethod.PATCH, new HttpEntity<>(body, headers), String.class);
    }

    private void assertRefused(ResponseEntity<String> answer, int status, String text) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(says(answer)).contains(text);
    }

    /** The error body's text: {@code message}, or an RFC 9457 problem's {@code detail}. */
    private String says(ResponseEntity<String> answer) {
        JsonNode body = readJson(answer.getBody());
        return body.hasNonNull("message") ? body.path("message").asText() : body.path("detail").asText();
    }

    private String staffUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, ?)")
                .params(name, encoder.encode("right-password-123"), role).update();
        return name;
    }
}
