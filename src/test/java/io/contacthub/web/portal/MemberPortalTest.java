package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.VerificationCodes;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.web.console.FormSession;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A signed-in member over plain HTTP: recognised on the public portal pages, shown only what was actually sent. */
class MemberPortalTest extends HubIntegrationTest {

    private static final String PASSWORD = "member-password-1";

    @LocalServerPort
    int port;

    @Autowired
    CustomerSurveys surveys;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSignedInMemberIsRecognisedOnThePublicPortalPagesAndAStrangerIsNot() throws Exception {
        String login = "pages-" + unique();
        member(login, login + "@example.com");
        FormSession member = new FormSession(port);
        member.signIn("/portal/login", login, PASSWORD);
        FormSession stranger = new FormSession(port);
        for (String page : List.of("/portal", "/portal/message", "/portal/survey", "/portal/follow")) {
            assertThat(member.get(page + "?lang=en").body()).as(page).contains("id=\"member-name\">" + login + "<")
                    .contains("href=\"/portal/tickets\"").doesNotContain("Member sign-in");
            assertThat(stranger.get(page + "?lang=en").body()).as(page).doesNotContain("member-name")
                    .doesNotContain("href=\"/portal/tickets\"").contains("Member sign-in");
        }
    }

    @Test
    void theTicketPageListsOnlyMessagesThatActuallyWentOut() throws Exception {
        String login = "sent-" + unique();
        String email = login + "@example.com";
        member(login, email);
        MailFixtures mail = MailFixtures.mail().from(email).subject("Storage space " + unique()).text("Do you have space in January?");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        String ref = awaitSettled("EMAIL", mail.messageId()).path("ref").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                select count(*) from notification where ticket_id = (select id from ticket where ref = ?) and status = 'SENT'""")
                .param(ref).query(Long.class).single() > 0);
        String queued = "QUEUED-ANSWER-" + unique();
        String failed = "FAILED-ANSWER-" + unique();
        for (String[] row : List.of(new String[] {queued, "QUEUED"}, new String[] {failed, "FAILED"})) {
            jdbc.sql("""
                    insert into notification (ticket_id, channel, recipient, template, language, subject, body, status,
                                              next_attempt_at, idempotency_key)
                    select id, 'EMAIL', ?, 'reply', 'en', ?, ?, ?, now() + interval '1 day', ? from ticket where ref = ?""")
                    .params(email, row[0], row[0], row[1], "test:" + UUID.randomUUID(), ref).update();
        }

        FormSession member = new FormSession(port);
        member.signIn("/portal/login", login, PASSWORD);
        String page = member.get("/portal/tickets/" + ref + "?lang=en").body();
        assertThat(page).contains("Do you have space in January?").contains("Thank you for contacting us")
                .doesNotContain(queued).doesNotContain(failed);
    }

    private void member(String login, String email) {
        long survey = surveys.submit(new CustomerSurveys.Answers(null, "Portal Member", email, null, null, null, null, null,
                "EMAIL", null, true, login, encoder.encode(PASSWORD)));
        surveys.markProven(survey, new VerificationCodes.Proved("EMAIL", email));
        surveys.approve(survey, "admin");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
