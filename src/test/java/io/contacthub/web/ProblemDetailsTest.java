package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Errors of the JSON API and the webhooks are RFC 9457 problem details (application/problem+json):
 * title, status, detail, instance, the old {@code message}, and for invalid input the fields; never
 * an exception's text or a stack trace. Console pages keep their HTML error page.
 */
class ProblemDetailsTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void invalidMessageIsAProblemNamingEachField() {
        ResponseEntity<String> answer = postMessage("{\"email\": \"not-an-address\", \"body\": \"\"}", null);

        JsonNode problem = problem(answer, 400, "/api/messages");
        assertThat(problem.path("detail").asText()).isEqualTo("invalid input");
        assertThat(problem.path("fieldErrors")).anySatisfy(f -> {
            assertThat(f.path("field").asText()).isEqualTo("subject");
            assertThat(f.path("message").asText()).isEqualTo("is required");
        });
        assertThat(problem.path("fieldErrors")).extracting(f -> f.path("field").asText())
                .contains("subject", "body", "email").isSorted();
        // the object form earlier clients read stays: {field: message}
        assertThat(problem.path("errors").path("email").asText()).contains("not a valid e-mail address");
    }

    @Test
    void anInvalidHeaderIsNamedLikeAField() {
        ResponseEntity<String> answer = postMessage("{\"email\": \"h@example.com\", \"subject\": \"s\", \"body\": \"b\"}", " ");
        JsonNode problem = problem(answer, 400, "/api/messages");
        assertThat(problem.path("fieldErrors").path(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(problem.path("errors").path("Idempotency-Key").asText()).isEqualTo("must be 1-200 characters");
    }

    @Test
    void malformedJsonIsA400Problem() {
        ResponseEntity<String> answer = postMessage("{\"subject\": \"unterminated", null);
        JsonNode problem = problem(answer, 400, "/api/messages");
        assertThat(problem.path("detail").asText()).isEqualTo("the request body is not valid JSON for this endpoint");
        assertThat(answer.getBody()).doesNotContain("JsonParseException").doesNotContain("Unexpected end-of-input")
                .doesNotContain("line: ");
    }

    @Test
    void unknownResourcesAre404Problems() {
        JsonNode ticket = problem(staffGetRaw("/api/tickets/CH-999999"), 404, "/api/tickets/CH-999999");
        assertThat(ticket.path("detail").asText()).isEqualTo("no ticket CH-999999");
        assertThat(ticket.path("message").asText()).isEqualTo("no ticket CH-999999");

        JsonNode message = problem(staffGetRaw("/api/messages/987654321/raw"), 404, "/api/messages/987654321/raw");
        assertThat(message.path("detail").asText()).isEqualTo("no message 987654321");

        JsonNode handoff = problem(staffGetRaw("/api/handoffs/987654321"), 404, "/api/handoffs/987654321");
        assertThat(handoff.path("detail").asText()).isEqualTo("no hand-off 987654321");

        // a path no controller serves, and a path variable of the wrong type
        problem(staffGetRaw("/api/no-such-thing"), 404, "/api/no-such-thing");
        JsonNode typed = problem(staffGetRaw("/api/messages/not-a-number"), 400, "/api/messages/not-a-number");
        assertThat(typed.path("detail").asText()).contains("not-a-number");
    }

    @Test
    void conflictsAndLocalHandlersAnswerTheSameShape() {
        long id = readJson(postMessage("{\"email\": \"pd-conflict@example.com\", \"subject\": \"ok\", \"body\": \"fine\"}", null)
                .getBody()).path("messageId").asLong();
        JsonNode conflict = problem(staffPost("/api/messages/" + id + "/replay"), 409, "/api/messages/" + id + "/replay");
        assertThat(conflict.path("detail").asText()).isEqualTo("only FAILED messages can be replayed");

        // ComplaintCasesController answers its own ComplaintRejected with a problem too
        JsonNode complaint = problem(staffGetRaw("/api/complaints/987654321"), 404, "/api/complaints/987654321");
        assertThat(complaint.path("detail").asText()).isEqualTo("no complaint case 987654321");
    }

    @Test
    void signInAndSignatureRefusalsAreProblemsToo() {
        ResponseEntity<String> anonymous = http.getForEntity("/api/tickets", String.class);
        problem(anonymous, 401, "/api/tickets");
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");

        HttpHeaders form = new HttpHeaders();
        form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> unsigned = http.exchange("/twilio/sms", HttpMethod.POST,
                new HttpEntity<>("MessageSid=SM1&From=%2B8613800000000", form), String.class);
        JsonNode refused = problem(unsigned, 403, "/twilio/sms");
        assertThat(refused.path("detail").asText()).isEqualTo("missing X-Twilio-Signature header");

        ResponseEntity<String> tooBig = postMessage("{\"email\": \"big@example.com\", \"subject\": \"s\", \"body\": \"%s\"}"
                .formatted("x".repeat(70_000)), null);
        assertThat(problem(tooBig, 413, "/api/messages").path("detail").asText()).contains("larger than");
    }

    @Test
    void aSignedWebhookTheHubCannotReadIsA400Problem() {
        // Twilio does not parse error bodies; its debugger shows them, so they say what was wrong
        JsonNode sms = problem(postTwilioSigned("/twilio/sms", java.util.Map.of("From", "+8613800000000", "Body", "hi")), 400,
                "/twilio/sms");
        assertThat(sms.path("detail").asText()).startsWith("not an incoming message: ");
        JsonNode recording = problem(postTwilioSigned("/twilio/recording", java.util.Map.of("RecordingStatus", "completed")), 400,
                "/twilio/recording");
        assertThat(recording.path("detail").asText()).startsWith("not a recording callback: ");
    }

    @Test
    void wrongMethodAndContentTypeAreProblems() {
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        problem(http.exchange("/api/messages", HttpMethod.POST, new HttpEntity<>("hello", text), String.class), 415, "/api/messages");
        problem(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets", HttpMethod.DELETE, HttpEntity.EMPTY, String.class),
                405, "/api/tickets");
    }

    @Test
    void consolePagesKeepTheirHtmlErrorPage() throws Exception {
        FormSession staff = new FormSession(port);
        assertThat(staff.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        HttpResponse<String> page = staff.get("/console/tickets/CH-999999", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"error-page\"").doesNotContain("\"status\"");
    }

    private ResponseEntity<String> staffGetRaw(String path) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity(path, String.class);
    }

    /** Asserts the answer is a problem with this status and instance, without internals, and returns it. */
    private JsonNode problem(ResponseEntity<String> answer, int status, String instance) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).as(answer.getBody()).isNotNull();
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(answer.getHeaders().getContentType() + ": " + answer.getBody()).isTrue();
        JsonNode problem = readJson(answer.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isEqualTo(org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("message").asText()).isEqualTo(problem.path("detail").asText());
        assertThat(problem.path("instance").asText()).isEqualTo(instance);
        assertThat(problem.has("type")).as("about:blank is written as no type").isFalse();
        assertThat(answer.getBody()).doesNotContain("trace").doesNotContain("Exception").doesNotContain("at io.contacthub")
                .doesNotContain("at org.springframework");
        return problem;
    }
}
