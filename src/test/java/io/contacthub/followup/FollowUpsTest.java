package io.contacthub.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Follow-up visits (回访) as agents work them on the console's follow-up list. */
class FollowUpsTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FollowUps followUps;

    @Test
    void aResolvedComplaintIsFollowedUpAndTheRatingReachesTheCaseAndTheReport() throws Exception {
        String ref = message("投诉：货物破损", "收到的货物外包装破损，里面的杯子碎了，我要投诉。");
        long caseId = staffGet("/api/tickets/" + ref + "/complaint").path("complaint").path("id").asLong();
        FormSession staff = staff();
        staff.post("/console/tickets/" + ref + "/take", Map.of(), true);
        assertThat(staffPostJson("/api/complaints/" + caseId + "/steps", """
                {"action": "RESOLVE", "text": "已补发新杯子。", "notifyCustomer": false}""").getStatusCode().is2xxSuccessful()).isTrue();
        followUps.fromResolvedComplaints();

        FollowUps.FollowUp f = followUps.forTicket(ticketId(ref)).get(0);
        assertThat(f.complaintCaseId()).isEqualTo(caseId);
        OffsetDateTime resolvedAt = jdbc.sql("select resolved_at from complaint_case where id = ?").param(caseId)
                .query(OffsetDateTime.class).single();
        assertThat(Duration.between(resolvedAt, f.dueAt())).isEqualTo(Duration.ofDays(3));
        Document list = Jsoup.parse(staff.get("/console/follow-ups?view=all&lang=zh").body());
        assertThat(list.select("#follow-ups tr[data-ticket=" + ref + "]").text()).contains("已解决的投诉");
        assertThat(list.select("#follow-ups tr[data-ticket=" + ref + "]").attr("data-overdue")).isEqualTo("false");

        staff.post("/console/follow-ups/" + f.id() + "/attempts", Map.of("outcome", "REACHED", "satisfaction", "4",
                "note", "客户对补发很满意。"), true);
        assertThat(Jsoup.parse(staff.get("/console/follow-ups?lang=zh").body()).select(".flash.ok").text()).isEqualTo("回访结果已记录。");
        Map<String, Object> c = jdbc.sql("select status, satisfaction, follow_up_note from complaint_case where id = ?").param(caseId)
                .query().singleRow();
        assertThat(c).containsEntry("status", "FOLLOWED_UP").containsEntry("follow_up_note", "客户对补发很满意。");
        assertThat(((Number) c.get("satisfaction")).intValue()).isEqualTo(4);
        assertThat(followUps.find(f.id()).orElseThrow().status()).isEqualTo("DONE");
        JsonNode ratings = staffGet("/api/reports/satisfaction");
        assertThat(ratings.path("rows").get(3).get(1).asLong()).isPositive();

        // Finished is finished: a second outcome is refused, saying why.
        staff.post("/console/follow-ups/" + f.id() + "/attempts", Map.of("outcome", "UNREACHABLE"), true);
        assertThat(Jsoup.parse(staff.get("/console/follow-ups?view=all").body()).select(".flash.bad").text())
                .contains("finished already");
    }

    @Test
    void aCustomerNotReachedIsTriedAgainADayLaterAndGivenUpAfterThreeTries() throws Exception {
        String ref = message("Delivery", "Please call me about the delivery.");
        FormSession staff = staff();
        String due = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusHours(2));
        staff.post("/console/tickets/" + ref + "/follow-ups?lang=zh", Map.of("dueAt", due, "reason", "确认送货时间"), true);
        FollowUps.FollowUp f = followUps.forTicket(ticketId(ref)).get(0);
        assertThat(f.reason()).isEqualTo("确认送货时间");
        assertThat(f.assignee()).isEqualTo("admin");

        OffsetDateTime before = f.dueAt();
        staff.post("/console/follow-ups/" + f.id() + "/attempts", Map.of("outcome", "UNREACHABLE", "note", "无人接听"), true);
        FollowUps.FollowUp once = followUps.find(f.id()).orElseThrow();
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.status()).isEqualTo("DUE");
        assertThat(once.dueAt()).isAfter(before.plusHours(20));
        staff.post("/console/follow-ups/" + f.id() + "/attempts", Map.of("outcome", "UNREACHABLE"), true);
        staff.post("/console/follow-ups/" + f.id() + "/attempts", Map.of("outcome", "UNREACHABLE"), true);
        assertThat(followUps.find(f.id()).orElseThrow().status()).isEqualTo("GAVE_UP");
        assertThat(followUps.attempts(f.id())).extracting(FollowUps.Attempt::outcome).containsExactly("UNREACHABLE", "UNREACHABLE", "UNREACHABLE");
        assertThat(Jsoup.parse(staff.get("/console/follow-ups?view=done&lang=en").body()).select("#follow-ups tr[data-ticket=" + ref + "]")
                .text()).contains("Given up");
    }

    @Test
    void aFollowUpPastItsTimeIsFlaggedOverdueAndCountedAsAReminderForItsAssignee() throws Exception {
        String ref = message("Invoice", "Please send the invoice again.");
        long id = followUps.mark(ticketId(ref), java.time.Instant.now().minus(Duration.ofHours(5)), "Invoice resent?", "admin");
        FormSession staff = staff();
        Document mine = Jsoup.parse(staff.get("/console/follow-ups?lang=en").body());
        assertThat(mine.select("#follow-ups tr[data-id=" + id + "]").attr("data-overdue")).isEqualTo("true");
        assertThat(mine.select("#follow-ups tr[data-id=" + id + "] .overdue-flag").text()).isEqualTo("overdue");
        assertThat(Integer.parseInt(mine.select("#followups-due").text())).isEqualTo((int) followUps.dueNow("admin")).isPositive();
    }

    @Test
    void badOutcomesAreRefusedSayingWhyAndChangeNothing() throws Exception {
        long id = followUps.mark(ticketId(message("Hi", "hello")), java.time.Instant.now(), null, "admin");
        FormSession staff = staff();
        staff.post("/console/follow-ups/" + id + "/attempts", Map.of("outcome", "REACHED", "satisfaction", "7"), true);
        assertThat(Jsoup.parse(staff.get("/console/follow-ups").body()).select(".flash.bad").text()).isEqualTo("satisfaction must be 1 to 5");
        staff.post("/console/follow-ups/" + id + "/attempts", Map.of("outcome", "UNREACHABLE", "satisfaction", "3"), true);
        assertThat(Jsoup.parse(staff.get("/console/follow-ups").body()).select(".flash.bad").text()).contains("gave no rating");
        staff.post("/console/follow-ups/" + id + "/attempts", Map.of("outcome", "MAYBE"), true);
        assertThat(staff.post("/console/follow-ups/" + id + "/attempts", Map.of("outcome", "REACHED"), false).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(followUps.find(id).orElseThrow().attempts()).isZero();
        assertThat(followUps.find(id).orElseThrow().status()).isEqualTo("DUE");
    }

    private long ticketId(String ref) {
        return jdbc.sql("select id from ticket where ref = ?").param(ref).query(Long.class).single();
    }

    private FormSession staff() throws Exception {
        FormSession session = new FormSession(port);
        session.signIn("/login", "admin", ADMIN_PASSWORD);
        return session;
    }

    private String message(String subject, String body) {
        var answer = postMessage("""
                {"name": "Follow Up", "email": "followup.%s@example.com", "subject": "%s", "body": "%s"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), subject, body), null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }
}
