package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The console's doors, seen by a plain HTTP client with a cookie jar: sign-in, CSRF, throttling, roles, file types. */
class ConsoleSecurityTest extends HubIntegrationTest {


    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void consoleChangesWithoutTheCsrfTokenAreRefusedEvenWhenSignedIn() throws Exception {
        FormSession staff = newSession();
        assertThat(staff.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        String ref = ticket();
        assertThat(staff.post("/console/tickets/" + ref + "/notes", Map.of("body", "no token"), false).statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = staff.post("/console/tickets/" + ref + "/notes", Map.of("body", "with token"), true);
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(staff.get("/console/tickets/" + ref).body()).contains("with token").doesNotContain("no token");
    }

    @Test
    void sessionCookieIsHttpOnlyAndPagesForbidInlineScript() throws Exception {
        FormSession visitor = newSession();
        HttpResponse<String> login = visitor.get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("JSESSIONID").contains("HttpOnly")
                .contains("SameSite=Lax"));
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(visitor.get("/portal").headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void pagesAndRecordingsNeedAStaffSignIn() throws Exception {
        FormSession anonymous = newSession();
        for (String path : new String[] {"/console", "/console/failed", "/console/attachments/1", "/console/tickets/CH-000001"}) {
            HttpResponse<String> answer = anonymous.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheStaffSignInEvenWithTheRightPassword() throws Exception {
        String agent = staffUser("AGENT");
        assertThat(newSession().signIn("/login", agent, "right-password-123")).endsWith("/console");
        for (int i = 0; i < 5; i++) {
            assertThat(newSession().signIn("/login", agent, "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(newSession().signIn("/login", agent, "right-password-123")).endsWith("/login?locked");
        // Others are not locked out by it.
        assertThat(newSession().signIn("/login", staffUser("AGENT"), "right-password-123")).endsWith("/console");
    }

    @Test
    void agentsCannotApproveSurveysButSupervisorsCan() throws Exception {
        FormSession agent = newSession();
        agent.signIn("/login", staffUser("AGENT"), "right-password-123");
        assertThat(agent.get("/console/surveys").statusCode()).isEqualTo(403);
        assertThat(agent.get("/console").statusCode()).isEqualTo(200);
        FormSession supervisor = newSession();
        supervisor.signIn("/login", staffUser("SUPERVISOR"), "right-password-123");
        assertThat(supervisor.get("/console/surveys").statusCode()).isEqualTo(200);
    }

    @Test
    void htmlAttachmentIsOnlyEverADownloadWhileAudioAndImagesShowInline() throws Exception {
        String subject = "Attachments " + UUID.randomUUID();
        MailFixtures mail = MailFixtures.mail().from("files-" + UUID.randomUUID() + "@example.com").subject(subject).text("see files")
                .attach("page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .attach("fax-page.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode message = awaitSettled("EMAIL", mail.messageId());
        JsonNode files = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0/files");
        Map<String, String> ids = new LinkedHashMap<>();
        files.forEach(f -> ids.put(f.path("fileName").asText(), f.path("id").asText()));

        FormSession staff = newSession();
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        HttpResponse<String> html = staff.get("/console/attachments/" + ids.get("page.html"));
        assertThat(html.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<String> png = staff.get("/console/attachments/" + ids.get("fax-page.png"));
        assertThat(png.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(png.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
        assertThat(staff.get("/console/tickets/" + message.path("ref").asText()).body())
                .contains("<img src=\"/console/attachments/" + ids.get("fax-page.png") + "\"");
    }

    private String staffUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, ?)")
                .params(name, encoder.encode("right-password-123"), role).update();
        return name;
    }

    private String ticket() throws Exception {
        var answer = postMessage(json.writeValueAsString(Map.of("email", "csrf-" + UUID.randomUUID() + "@example.com",
                "subject", "CSRF check", "body", "hello")), null);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private FormSession newSession() {
        return new FormSession(port);
    }
}
