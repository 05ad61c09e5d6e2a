package io.contacthub.complaint;

import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import io.contacthub.intake.ParsedContent;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.understand.Entities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Complaints arrive as real mail and web messages, open cases with SLA clocks, and staff handle them over the API. */
class ComplaintCaseTest extends HubIntegrationTest {

    static final String AGENT = "complaint-agent";
    static final String AGENT_PASSWORD = "agent-secret-1";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ComplaintOpener opener;

    @BeforeEach
    void agentAccount() {
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, 'AGENT') on conflict do nothing")
                .params(AGENT, passwords.encode(AGENT_PASSWORD)).update();
    }

    @Test
    void aComplaintEmailOpensExactlyOneCaseWithCategorySeverityAndSlaDueTimes() throws Exception {
        String customer = "broken." + unique() + "@example.cn";
        MailFixtures complaint = mail().from(customer).fromName("王芳").subject("包裹破损投诉")
                .text("你好，我昨天收到的包裹外箱严重破损，里面的瓷器碎了。请紧急处理并赔偿。");
        byte[] raw = complaint.build();
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw);
        JsonNode message = awaitSettled("EMAIL", complaint.messageId());
        String ref = message.path("ref").asText();

        JsonNode found = staffGet("/api/tickets/" + ref + "/complaint");
        JsonNode c = found.path("complaint");
        assertThat(c.path("ticket").asText()).isEqualTo(ref);
        assertThat(c.path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("category").asText()).isEqualTo("PRODUCT_QUALITY");
        assertThat(c.path("categoryLabelZh").asText()).isEqualTo("产品质量");
        assertThat(c.path("categoryReason").asText()).contains("破损");
        assertThat(c.path("severity").asText()).as("紧急 makes the contact urgent").isEqualTo("HIGH");
        Instant opened = Instant.parse(c.path("openedAt").asText());
        assertThat(Instant.parse(c.path("sla").path("firstResponse").path("dueAt").asText()))
                .isEqualTo(opened.plus(Duration.ofHours(4)));
        assertThat(Instant.parse(c.path("sla").path("resolution").path("dueAt").asText()))
                .isEqualTo(opened.plus(Duration.ofHours(48)));
        assertThat(c.path("sla").path("firstResponse").path("state").asText()).isEqualTo("RUNNING");
        assertThat(c.path("sla").path("firstResponse").path("breached").asBoolean()).isFalse();
        assertThat(Duration.parse(c.path("sla").path("firstResponse").path("remaining").asText()))
                .isBetween(Duration.ofHours(3), Duration.ofHours(4));
        assertThat(c.path("breached").asBoolean()).isFalse();
        assertThat(c.path("openedByMessage").asLong()).isEqualTo(message.path("id").asLong());
        assertThat(found.path("steps")).hasSize(1);
        assertThat(found.path("steps").get(0).path("action").asText()).isEqualTo("OPENED");
        assertThat(found.path("steps").get(0).path("actor").asText()).isEqualTo("hub");

        // The customer is told, in Chinese, when to expect an answer.
        JsonNode opening = notification(ref, "complaint_opened");
        assertThat(opening.path("body").asText()).contains(ref).contains("4 小时").contains("2 天");
        assertThat(opening.path("recipient").asText()).isEqualTo(customer);
        assertThat(found.path("steps").get(0).path("notificationId").asLong()).isEqualTo(opening.path("id").asLong());
        assertThat(staffGet("/api/complaints/" + c.path("id").asLong()).path("complaint").path("ticket").asText()).isEqualTo(ref);

        // The mailbox delivers the same mail again: nothing new.
        TestMailServer.deliver(TestMailServer.IMAP_USER, raw);
        // A second complaint mail on the same ticket is logged on the case, not a second case.
        MailFixtures again = mail().from(customer).subject("[#" + ref + "] 还是没人处理投诉").text("我的投诉还没有人联系我，太差了！");
        TestMailServer.deliver(TestMailServer.IMAP_USER, again.build());
        JsonNode second = awaitSettled("EMAIL", again.messageId());
        assertThat(second.path("ref").asText()).isEqualTo(ref);
        Thread.sleep(1500); // let the redelivered copy be polled too
        assertThat(casesOn(ref)).isEqualTo(1);
        JsonNode steps = staffGet("/api/tickets/" + ref + "/complaint").path("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).path("action").asText()).isEqualTo("CUSTOMER_CONTACT");
        assertThat(steps.get(1).path("actor").asText()).isEqualTo("customer");
        assertThat(steps.get(1).path("messageId").asLong()).isEqualTo(second.path("id").asLong());
        assertThat(steps.get(1).path("text").asText()).contains("太差了");
        assertThat(jdbc.sql("select count(*) from notification where template = 'complaint_opened' and recipient = ?")
                .param(customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void replayingTheOpeningContactDoesNotOpenASecondCaseOrLogItTwice() {
        JsonNode posted = postComplaint("replay", "Damaged parcel", "The parcel arrived damaged and the box was crushed.");
        String ref = posted.path("ticket").asText();
        long messageId = posted.path("messageId").asLong();
        int stepsBefore = staffGet("/api/tickets/" + ref + "/complaint").path("steps").size();
        long ticketId = jdbc.sql("select id from ticket where ref = ?").param(ref).query(Long.class).single();
        var content = new ParsedContent("Damaged parcel", "The parcel arrived damaged and the box was crushed.", "replay",
                null, null, null, List.of(), List.of(), null, null);
        var again = new RecordedContact(messageId, "WEB", ticketId, ref, true, null, null, "en", content,
                "COMPLAINT", false, new Entities(List.of(), List.of(), List.of(), List.of()));

        new TransactionTemplate(transactions).executeWithoutResult(tx -> opener.apply(again, EarlierResults.none()));
        new TransactionTemplate(transactions).executeWithoutResult(tx -> opener.apply(again, EarlierResults.none()));

        assertThat(casesOn(ref)).isEqualTo(1);
        assertThat(staffGet("/api/tickets/" + ref + "/complaint").path("steps")).hasSize(stepsBefore);
    }

    @Test
    void staffMoveACaseThroughItsStepsAndTheLogShowsWhoAndWhen() throws Exception {
        String email = "steps." + unique() + "@example.com";
        JsonNode posted = readJson(postMessage("""
                {"name": "Tom Baker", "email": "%s", "subject": "Complaint: pallets damaged",
                 "body": "Two of our pallets were damaged in your warehouse. I want compensation."}""".formatted(email),
                null).getBody());
        String ref = posted.path("ticket").asText();
        long id = staffGet("/api/tickets/" + ref + "/complaint").path("complaint").path("id").asLong();
        assertThat(staffGet("/api/complaints/" + id).path("complaint").path("severity").asText()).isEqualTo("MEDIUM");

        ResponseEntity<String> ack = step(AGENT, AGENT_PASSWORD, id, """
                {"action": "ACKNOWLEDGE", "text": "Called the customer, photos requested"}""");
        assertThat(ack.getStatusCode().value()).isEqualTo(201);
        JsonNode afterAck = readJson(ack.getBody());
        assertThat(afterAck.path("complaint").path("status").asText()).isEqualTo("ACKNOWLEDGED");
        // Acknowledging in the console sends the customer nothing: their first answer is still to come.
        assertThat(afterAck.path("complaint").path("sla").path("firstResponse").path("state").asText()).isEqualTo("RUNNING");
        assertThat(afterAck.path("complaint").path("firstResponseBy").isNull()
                || afterAck.path("complaint").path("firstResponseBy").isMissingNode()).isTrue();

        assertThat(step(AGENT, AGENT_PASSWORD, id, """
                {"action": "PROPOSE_COMPENSATION", "text": "Refund of the storage fee for March", "amount": 350.5, "currency": "cny"}""")
                .getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> resolved = step("admin", ADMIN_PASSWORD, id, """
                {"action": "RESOLVE", "text": "Pallets replaced; forklift driver retrained.", "followUpAt": "2030-01-15T09:00:00Z"}""");
        assertThat(resolved.getStatusCode().value()).isEqualTo(201);
        JsonNode afterResolve = readJson(resolved.getBody()).path("complaint");
        assertThat(afterResolve.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(afterResolve.path("resolution").asText()).isEqualTo("Pallets replaced; forklift driver retrained.");
        assertThat(afterResolve.path("compensation").path("amount").decimalValue()).isEqualByComparingTo("350.50");
        assertThat(afterResolve.path("compensation").path("currency").asText()).isEqualTo("CNY");
        assertThat(afterResolve.path("followUp").path("plannedAt").asText()).startsWith("2030-01-15T09:00");
        assertThat(afterResolve.path("sla").path("resolution").path("state").asText()).isEqualTo("MET");

        // The customer hears about the resolution, with the compensation, by e-mail.
        JsonNode notice = notification(ref, "complaint_resolved");
        assertThat(notice.path("body").asText()).contains("Pallets replaced")
                .contains("Compensation: Refund of the storage fee for March (350.50 CNY)");
        assertThat(notice.path("recipient").asText()).isEqualTo(email);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).stream().anyMatch(m -> {
            try {
                return ((String) m.getContent()).contains("Pallets replaced");
            } catch (Exception e) {
                return false;
            }
        }));

        assertThat(step(AGENT, AGENT_PASSWORD, id, """
                {"action": "FOLLOW_UP", "text": "Visited on site; customer satisfied", "satisfaction": 4}""")
                .getStatusCode().value()).isEqualTo(201);
        JsonNode closed = readJson(step(AGENT, AGENT_PASSWORD, id, """
                {"action": "CLOSE"}""").getBody());
        assertThat(closed.path("complaint").path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("complaint").path("followUp").path("satisfaction").asInt()).isEqualTo(4);
        assertThat(closed.path("complaint").path("closedAt").isTextual()).isTrue();

        JsonNode steps = closed.path("steps");
        assertThat(steps).extracting(s -> s.path("action").asText())
                .containsExactly("OPENED", "ACKNOWLEDGE", "PROPOSE_COMPENSATION", "RESOLVE", "FOLLOW_UP", "CLOSE");
        assertThat(steps).extracting(s -> s.path("actor").asText())
                .containsExactly("hub", AGENT, AGENT, "admin", AGENT, AGENT);
        assertThat(steps).extracting(s -> s.path("statusAfter").asText())
                .containsExactly("OPEN", "ACKNOWLEDGED", "ACKNOWLEDGED", "RESOLVED", "FOLLOWED_UP", "CLOSED");
        assertThat(steps.get(2).path("text").asText()).contains("350.50 CNY");
        assertThat(steps.get(3).path("notificationId").asLong()).isEqualTo(notice.path("id").asLong());
        Instant previous = Instant.EPOCH;
        for (JsonNode s : steps) {
            Instant at = Instant.parse(s.path("at").asText());
            assertThat(at).isAfterOrEqualTo(previous).isBefore(Instant.now().plusSeconds(5));
            previous = at;
        }

        // Closed: a further complaint on the ticket opens a new case, and the old one cannot be reopened over it.
        // By mail, which proves the address: the customer's tagged answer joins their ticket.
        MailFixtures again = mail().from(email).fromName("Tom Baker").subject("[#" + ref + "] damaged again")
                .text("Another pallet arrived damaged today. This is unacceptable.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, again.build());
        assertThat(awaitSettled("EMAIL", again.messageId()).path("ref").asText()).isEqualTo(ref);
        assertThat(casesOn(ref)).isEqualTo(2);
        ResponseEntity<String> reopen = step(AGENT, AGENT_PASSWORD, id, """
                {"action": "REOPEN", "text": "customer not satisfied after all"}""");
        assertThat(reopen.getStatusCode().value()).isEqualTo(409);
        assertThat(reopen.getBody()).contains("already has open complaint case");
    }

    @Test
    void illegalTransitionsAreConflictsUnknownCasesAreNotFoundAndBadInputIsRefused() {
        JsonNode posted = postComplaint("rules", "Lost parcel", "My parcel was lost. I want a refund.");
        long id = staffGet("/api/tickets/" + posted.path("ticket").asText() + "/complaint").path("complaint").path("id").asLong();

        ResponseEntity<String> close = step("admin", ADMIN_PASSWORD, id, "{\"action\": \"CLOSE\"}");
        assertThat(close.getStatusCode().value()).isEqualTo(409);
        assertThat(close.getBody()).contains("cannot CLOSE a case that is OPEN").contains("RESOLVED, FOLLOWED_UP");
        assertThat(step("admin", ADMIN_PASSWORD, id, "{\"action\": \"FOLLOW_UP\", \"text\": \"x\"}").getStatusCode().value())
                .isEqualTo(409);

        assertThat(step("admin", ADMIN_PASSWORD, 987654321L, "{\"action\": \"ACKNOWLEDGE\"}").getStatusCode().value())
                .isEqualTo(404);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/complaints/987654321", String.class)
                .getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> noTicket = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/CH-999998/complaint", String.class);
        assertThat(noTicket.getStatusCode().value()).isEqualTo(404);
        assertThat(noTicket.getBody()).contains("no ticket CH-999998");

        ResponseEntity<String> badAction = step("admin", ADMIN_PASSWORD, id, "{\"action\": \"ESCALATE\"}");
        assertThat(badAction.getStatusCode().value()).isEqualTo(400);
        assertThat(badAction.getBody()).contains("action must be one of").contains("RESOLVE");
        ResponseEntity<String> noText = step("admin", ADMIN_PASSWORD, id, "{\"action\": \"RESOLVE\"}");
        assertThat(noText.getStatusCode().value()).isEqualTo(400);
        assertThat(noText.getBody()).contains("RESOLVE needs a text");
        assertThat(step("admin", ADMIN_PASSWORD, id, "{\"action\": \"FOLLOW_UP\", \"text\": \"x\", \"satisfaction\": 9}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(step("admin", ADMIN_PASSWORD, id, "{\"action\": \"PROPOSE_COMPENSATION\", \"text\": \"x\", \"amount\": -5}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(step("admin", ADMIN_PASSWORD, id, "not json").getStatusCode().value()).isEqualTo(400);
        assertThat(patch(id, "{\"severity\": \"APOCALYPTIC\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(patch(id, "{\"category\": \"NO_SUCH_THING\"}").getBody()).contains("category must be one of");
        assertThat(patch(987654321L, "{\"severity\": \"LOW\"}").getStatusCode().value()).isEqualTo(404);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/complaints?status=WHATEVER", String.class)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/complaints", String.class).getStatusCode().value()).isEqualTo(401);
        // Nothing of that changed the case.
        JsonNode c = staffGet("/api/complaints/" + id);
        assertThat(c.path("complaint").path("status").asText()).isEqualTo("OPEN");
        assertThat(c.path("steps")).hasSize(1);
    }

    @Test
    void aBreachedFirstResponseClockIsReportedAsBreached() {
        JsonNode posted = postComplaint("breach", "Complaint about rude driver", "Your driver was rude and the delivery was late.");
        String ref = posted.path("ticket").asText();
        JsonNode c = staffGet("/api/tickets/" + ref + "/complaint").path("complaint");
        long id = c.path("id").asLong();
        assertThat(c.path("category").asText()).isEqualTo("SERVICE_FAILURE");
        Instant opened = Instant.parse(c.path("openedAt").asText());

        // Read with a clock nine hours after the opening: MEDIUM's 8 h first response is overdue by an hour.
        ComplaintQueries later = new ComplaintQueries(jdbc, Clock.fixed(opened.plus(Duration.ofHours(9)), ZoneOffset.UTC));
        var late = later.find(id).orElseThrow().complaint();
        assertThat(late.sla().firstResponse().state()).isEqualTo(SlaClock.State.OVERDUE);
        assertThat(late.sla().firstResponse().breached()).isTrue();
        assertThat(late.sla().firstResponse().overdue()).isEqualTo("PT1H");
        assertThat(late.sla().resolution().state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(late.sla().resolution().remaining()).isEqualTo("PT63H");
        assertThat(late.breached()).isTrue();
        assertThat(later.list(null, true, null, null, 500, 0)).extracting(ComplaintQueries.CaseSummary::id).contains(id);
        assertThat(later.list(null, false, null, null, 500, 0)).extracting(ComplaintQueries.CaseSummary::id).doesNotContain(id);
        // One hour after the opening it is not breached yet.
        ComplaintQueries early = new ComplaintQueries(jdbc, Clock.fixed(opened.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThat(early.find(id).orElseThrow().complaint().sla().firstResponse().remaining()).isEqualTo("PT7H");
        assertThat(early.list(null, true, null, null, 500, 0)).extracting(ComplaintQueries.CaseSummary::id).doesNotContain(id);

        // Answered late: a reply that went out ten hours after the opening. The clock stays breached (MET_LATE).
        jdbc.sql("""
                insert into notification (ticket_id, channel, recipient, template, language, body, rfc_message_id, status,
                    created_at, sent_at, idempotency_key)
                select ticket_id, 'EMAIL', 'late@example.com', 'reply', 'en', 'sorry for the wait', ?, 'SENT', ?, ?, ?
                from complaint_case where id = ?""")
                .params("<late-" + UUID.randomUUID() + "@contact-hub>", java.sql.Timestamp.from(opened.plus(Duration.ofHours(10))),
                        java.sql.Timestamp.from(opened.plus(Duration.ofHours(10))), "reply:" + UUID.randomUUID(), id).update();
        JsonNode api = staffGet("/api/complaints/" + id).path("complaint");
        assertThat(api.path("sla").path("firstResponse").path("state").asText()).isEqualTo("MET_LATE");
        assertThat(api.path("sla").path("firstResponse").path("overdue").asText()).isEqualTo("PT2H");
        assertThat(api.path("breached").asBoolean()).isTrue();
        JsonNode breachedList = staffGet("/api/complaints?breached=true&limit=500");
        assertThat(breachedList.findValuesAsText("ticket")).contains(ref);
    }

    @Test
    void aStaffReplyOnTheTicketCountsAsTheFirstResponse() {
        JsonNode posted = postComplaint("reply", "Complaint", "The delivery was late again, I want to complain.");
        String ref = posted.path("ticket").asText();
        ResponseEntity<String> reply = http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref + "/replies",
                HttpMethod.POST, json("{\"body\": \"We are looking into it right now.\"}"), String.class);
        assertThat(reply.getStatusCode().value()).isEqualTo(202);
        // Met once the reply has gone out (the outbox sends it over the test SMTP server), not when it was queued.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "MET".equals(
                staffGet("/api/tickets/" + ref + "/complaint").path("complaint").path("sla").path("firstResponse").path("state").asText()));
        JsonNode c = staffGet("/api/tickets/" + ref + "/complaint").path("complaint");
        assertThat(c.path("firstResponseBy").asText()).isEqualTo("REPLY");
        assertThat(c.path("status").asText()).as("a reply is not a step").isEqualTo("OPEN");
    }

    @Test
    void changingTheSeverityRecomputesTheDueTimesAndIsLogged() {
        JsonNode posted = postComplaint("severity", "Complaint", "I am not happy, this is unacceptable.");
        JsonNode c = staffGet("/api/tickets/" + posted.path("ticket").asText() + "/complaint").path("complaint");
        long id = c.path("id").asLong();
        assertThat(c.path("category").asText()).isEqualTo("UNCLASSIFIED");
        assertThat(c.path("categoryReason").asText()).isEqualTo("no hint matched");
        Instant opened = Instant.parse(c.path("openedAt").asText());

        ResponseEntity<String> patched = patch(id, "{\"severity\": \"critical\", \"category\": \"EXPECTATION_MISMATCH\"}");
        assertThat(patched.getStatusCode().value()).isEqualTo(200);
        JsonNode after = readJson(patched.getBody());
        assertThat(after.path("complaint").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(Instant.parse(after.path("complaint").path("sla").path("firstResponse").path("dueAt").asText()))
                .isEqualTo(opened.plus(Duration.ofHours(1)));
        assertThat(Instant.parse(after.path("complaint").path("sla").path("resolution").path("dueAt").asText()))
                .isEqualTo(opened.plus(Duration.ofHours(24)));
        assertThat(after.path("complaint").path("category").asText()).isEqualTo("EXPECTATION_MISMATCH");
        assertThat(after.path("complaint").path("categoryReason").asText()).isEqualTo("set by admin");
        JsonNode change = after.path("steps").get(after.path("steps").size() - 1);
        assertThat(change.path("action").asText()).isEqualTo("CHANGE");
        assertThat(change.path("actor").asText()).isEqualTo("admin");
        assertThat(change.path("text").asText()).contains("MEDIUM -> CRITICAL").contains("UNCLASSIFIED -> EXPECTATION_MISMATCH");
    }

    @Test
    void onlyAnAdminEditsTheCategoryListAndNewHintsClassifyNewCases() {
        JsonNode list = readJson(http.withBasicAuth(AGENT, AGENT_PASSWORD).getForEntity("/api/complaint-categories", String.class)
                .getBody());
        assertThat(list.findValuesAsText("code")).contains("PRODUCT_QUALITY", "SERVICE_FAILURE", "EXPECTATION_MISMATCH",
                "CUSTOMER_SIDE", "EXTERNAL", "UNCLASSIFIED");
        assertThat(list.findValuesAsText("labelEn")).contains("External / environment");
        assertThat(list.findValuesAsText("labelZh")).contains("客户原因");

        String code = "PACKAGING_" + unique().toUpperCase().replace('-', '_').substring(0, 6);
        String body = """
                {"code": "%s", "labelZh": "包装问题", "labelEn": "Packaging", "hints": ["blister wrap %s"], "sortOrder": 5}"""
                .formatted(code, code.toLowerCase());
        ResponseEntity<String> agent = http.withBasicAuth(AGENT, AGENT_PASSWORD)
                .exchange("/api/complaint-categories", HttpMethod.POST, json(body), String.class);
        assertThat(agent.getStatusCode().value()).isEqualTo(403);
        assertThat(http.withBasicAuth(AGENT, AGENT_PASSWORD).exchange("/api/complaint-categories/EXTERNAL", HttpMethod.PUT,
                json("{\"active\": false}"), String.class).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> admin = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .exchange("/api/complaint-categories", HttpMethod.POST, json(body), String.class);
        assertThat(admin.getStatusCode().value()).isEqualTo(201);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD)
                .exchange("/api/complaint-categories", HttpMethod.POST, json(body), String.class).getStatusCode().value())
                .isEqualTo(409);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/complaint-categories", HttpMethod.POST,
                json("{\"code\": \"x\", \"labelZh\": \"\", \"labelEn\": \"X\"}"), String.class).getStatusCode().value())
                .isEqualTo(400);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/complaint-categories/UNCLASSIFIED", HttpMethod.PUT,
                json("{\"active\": false}"), String.class).getStatusCode().value()).isEqualTo(409);

        JsonNode posted = postComplaint("packaging", "Complaint", "I complain: the blister wrap " + code.toLowerCase()
                + " was missing around the goods.");
        JsonNode c = staffGet("/api/tickets/" + posted.path("ticket").asText() + "/complaint").path("complaint");
        assertThat(c.path("category").asText()).isEqualTo(code);
        assertThat(c.path("categoryLabelZh").asText()).isEqualTo("包装问题");

        // Switched off: kept for old cases, no longer offered.
        ResponseEntity<String> off = http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/complaint-categories/" + code,
                HttpMethod.PUT, json("{\"active\": false}"), String.class);
        assertThat(off.getStatusCode().value()).isEqualTo(200);
        assertThat(staffGet("/api/complaint-categories").findValuesAsText("code")).doesNotContain(code);
        assertThat(staffGet("/api/complaint-categories?all=true").findValuesAsText("code")).contains(code);
        try {
            assertThat(staffGet("/api/complaints/" + c.path("id").asLong()).path("complaint").path("category").asText())
                    .isEqualTo(code);
        } finally {
            jdbc.sql("update complaint_category set active = false where code = ?").param(code).update();
        }
    }

    @Test
    void contactsThatAreNotComplaintsOpenNoCase() {
        JsonNode posted = readJson(postMessage("""
                {"name": "Curious", "email": "general.%s@example.com", "subject": "opening hours",
                 "body": "When is your warehouse open on Saturdays?"}""".formatted(unique()), null).getBody());
        String ref = posted.path("ticket").asText();
        ResponseEntity<String> none = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/tickets/" + ref + "/complaint",
                String.class);
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat(none.getBody()).contains("has no complaint case");
        assertThat(casesOn(ref)).isZero();
    }

    @Test
    void aTextedComplaintOpensACaseAndIsAnsweredWithTheShortNoticeBySms() {
        String from = io.contacthub.testsupport.TwilioRequests.newMobile();
        String sid = io.contacthub.testsupport.TwilioRequests.newSid("SM");
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", "+8610950000");
        params.put("Body", "我要投诉，快递丢件了，三天了没人管");
        params.put("NumMedia", "0");
        String form = io.contacthub.testsupport.TwilioRequests.form(params);
        String url = http.getRootUri() + "/twilio/sms";
        String signature = io.contacthub.twilio.TwilioSignature.compute(TWILIO_AUTH_TOKEN, url,
                io.contacthub.twilio.FormBody.parse(form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(io.contacthub.twilio.TwilioSignature.HEADER, signature);
        assertThat(http.exchange("/twilio/sms", HttpMethod.POST,
                new HttpEntity<>(form.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers), String.class)
                .getStatusCode().value()).isEqualTo(200);
        String ref = awaitSettled("SMS", sid).path("ref").asText();

        JsonNode c = staffGet("/api/tickets/" + ref + "/complaint").path("complaint");
        assertThat(c.path("category").asText()).isEqualTo("SERVICE_FAILURE");
        assertThat(c.path("categoryReason").asText()).contains("丢件");
        JsonNode notice = notification(ref, "complaint_opened");
        assertThat(notice.path("channel").asText()).isEqualTo("SMS");
        assertThat(notice.path("recipient").asText()).isEqualTo(from);
        assertThat(notice.path("body").asText()).isEqualTo("[#" + ref + "] 您的投诉已登记，我们会在 8 小时内与您联系。回复本短信可补充信息。");
    }

    // --- helpers

    private JsonNode postComplaint(String name, String subject, String body) {
        ResponseEntity<String> response = postMessage("""
                {"name": "%s", "email": "%s.%s@example.com", "subject": "%s", "body": "%s"}"""
                .formatted(name, name, unique(), subject, body), null);
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode posted = readJson(response.getBody());
        assertThat(posted.path("status").asText()).isEqualTo("PROCESSED");
        return posted;
    }

    private long casesOn(String ref) {
        return jdbc.sql("select count(*) from complaint_case c join ticket t on t.id = c.ticket_id where t.ref = ?")
                .param(ref).query(Long.class).single();
    }

    private JsonNode notification(String ref, String template) {
        for (JsonNode n : staffGet("/api/tickets/" + ref).path("notifications")) {
            if (n.path("template").asText().equals(template)) {
                return n;
            }
        }
        throw new AssertionError("no " + template + " notification on " + ref);
    }

    private ResponseEntity<String> step(String user, String password, long id, String body) {
        return http.withBasicAuth(user, password).exchange("/api/complaints/" + id + "/steps", HttpMethod.POST, json(body),
                String.class);
    }

    private ResponseEntity<String> patch(long id, String body) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/complaints/" + id, HttpMethod.PATCH, json(body),
                String.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static List<jakarta.mail.internet.MimeMessage> mailTo(String address) {
        return java.util.Arrays.stream(TestMailServer.shared().getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getRecipients(jakarta.mail.Message.RecipientType.TO))
                        .anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
