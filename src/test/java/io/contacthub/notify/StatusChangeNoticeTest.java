package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Staff move a ticket's status; the customer hears when it is resolved, in their language. */
class StatusChangeNoticeTest extends HubIntegrationTest {

    @Test
    void resolvingATicketTellsTheCustomerWithTheStaffNoteOtherChangesDoNot() throws Exception {
        String customer = "status." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String ref = readJson(postMessage("""
                {"name": "李女士", "email": "%s", "subject": "发票问题", "body": "请帮我重开上个月的发票，谢谢。"}""".formatted(customer),
                null).getBody()).path("ticket").asText();

        assertThat(patch(ref, "{\"status\": \"PENDING\"}").getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> resolved = patch(ref, "{\"status\": \"resolved\", \"note\": \"新发票已寄出。\"}");
        assertThat(resolved.getStatusCode().value()).isEqualTo(200);
        assertThat(readJson(resolved.getBody()).path("ticket").path("status").asText()).isEqualTo("RESOLVED");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> NotificationEmailTest.mailTo(customer).stream()
                .anyMatch(m -> body(m).contains("已解决")));
        String text = NotificationEmailTest.mailTo(customer).stream().map(StatusChangeNoticeTest::body)
                .filter(b -> b.contains("已解决")).findFirst().orElseThrow();
        assertThat(text).contains(ref).contains("新发票已寄出。");
        JsonNode notes = staffGet("/api/tickets/" + ref).path("notifications");
        assertThat(notes.findValues("template").stream().map(JsonNode::asText).toList())
                .as("acknowledgement, the RESOLVED notice and the satisfaction survey; PENDING is not announced")
                .containsExactly("ack", "status", "rating");

        // Resolving an already resolved ticket is no change: nothing more is sent.
        patch(ref, "{\"status\": \"RESOLVED\"}");
        assertThat(staffGet("/api/tickets/" + ref).path("notifications")).hasSize(3);
    }

    @Test
    void anUnknownStatusOrTicketIsRefused() {
        String ref = readJson(postMessage("""
                {"name": "X", "email": "s2@example.com", "subject": "s", "body": "b"}""", null).getBody()).path("ticket").asText();
        ResponseEntity<String> bad = patch(ref, "{\"status\": \"DONE\"}");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("OPEN").contains("RESOLVED");
        assertThat(patch("CH-999998", "{\"status\": \"OPEN\"}").getStatusCode().value()).isEqualTo(404);
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("status").asText()).isEqualTo("OPEN");
    }

    private ResponseEntity<String> patch(String ref, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref, HttpMethod.PATCH,
                new HttpEntity<>(json, headers), String.class);
    }

    private static String body(jakarta.mail.internet.MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            return "";
        }
    }
}
