package io.contacthub.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** POST /api/messages as a customer's browser or an integrator's script would call it. */
class WebMessageApiTest extends HubIntegrationTest {

    @Test
    void validMessageIsAcceptedWithTicketReferenceAndShowsUpAsTicket() {
        ResponseEntity<String> response = postMessage("""
                {"name": "陈女士", "email": "chen@example.cn", "phone": "13912345678",
                 "subject": "查询运单", "body": "请问运单 SF1357924680135 现在到哪了？", "waybillNumber": "SF1357924680135"}""", null);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode answer = readJson(response.getBody());
        String ref = answer.path("ticket").asText();
        assertThat(ref).matches("CH-\\d{6}");
        assertThat(answer.path("reference").asText()).isEqualTo("[#" + ref + "]");

        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("WEB");
        assertThat(ticket.at("/ticket/intent").asText()).isEqualTo("TRACKING");
        assertThat(ticket.at("/customer/name").asText()).isEqualTo("陈女士");
        assertThat(ticket.at("/customer/identities").toString())
                .contains("EMAIL:chen@example.cn").contains("PHONE:+8613912345678");
        assertThat(ticket.at("/timeline/0/entities/waybillNumbers").toString()).contains("SF1357924680135");
        assertThat(staffGet("/api/tickets?channel=WEB").toString()).contains(ref);
    }

    @Test
    void sameIdempotencyKeyTwiceCreatesOneMessageAndReturnsTheSameTicket() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"email": "retry@example.com", "subject": "Order question", "body": "Can I change order SO2026000777?"}""";
        JsonNode first = readJson(postMessage(body, key).getBody());
        JsonNode second = readJson(postMessage(body, key).getBody());

        assertThat(second.path("messageId").asLong()).isEqualTo(first.path("messageId").asLong());
        assertThat(second.path("ticket").asText()).isEqualTo(first.path("ticket").asText());
        assertThat(staffGet("/api/tickets/" + first.path("ticket").asText()).path("timeline")).hasSize(1);
    }

    @Test
    void webMessageQuotingAReferenceOpensItsOwnTicketMarkedForStaffToLink() {
        // A web form proves nothing about its sender: the tag is a hint, never a way into the ticket.
        String ref = readJson(postMessage("""
                {"email": "joiner@example.com", "subject": "Need storage", "body": "Do you have space in December?"}""", null)
                .getBody()).path("ticket").asText();
        JsonNode reply = readJson(postMessage("""
                {"email": "joiner@example.com", "subject": "Re: [#%s] Need storage", "body": "Any answer?"}""".formatted(ref), null)
                .getBody());
        String quoting = reply.path("ticket").asText();
        assertThat(quoting).isNotEqualTo(ref);
        JsonNode opened = staffGet("/api/tickets/" + quoting).path("ticket");
        assertThat(opened.path("quotedRef").asText()).isEqualTo(ref);
        assertThat(opened.path("reviewReason").asText()).contains("quotes " + ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);

        // Staff decide it belongs there: its contact moves, the quoting ticket is closed.
        assertThat(staffPostJson("/api/tickets/" + quoting + "/link", "{\"into\": \"" + ref + "\"}").getStatusCode().value())
                .isEqualTo(200);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
        assertThat(staffGet("/api/tickets/" + quoting).path("ticket").path("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void answerComesAtCommitWithTheReferenceTheTicketThenOpensUnder() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> response = postMessageAnsweredAtReceive("""
                {"email": "peak@example.com", "subject": "Where is my parcel", "body": "运单 SF1357924680999 到哪了？"}""", key);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode answer = readJson(response.getBody());
        assertThat(answer.path("status").asText()).isEqualTo("RECEIVED");
        String ref = answer.path("ticket").asText();
        assertThat(ref).matches("CH-\\d{6}");
        assertThat(answer.path("reference").asText()).isEqualTo("[#" + ref + "]");

        assertThat(awaitSettled("WEB", "key:" + key).path("status").asText()).isEqualTo("PROCESSED");
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/ticket/ref").asText()).isEqualTo(ref);
        assertThat(ticket.at("/ticket/intent").asText()).isEqualTo("TRACKING");
        assertThat(ticket.path("timeline")).hasSize(1);
    }

    @Test
    void sameKeyTwiceAnsweredAtCommitGivesTheSameReferenceAndOneMessage() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"email": "double@example.com", "subject": "Pickup", "body": "Please collect 3 pallets tomorrow."}""";
        JsonNode first = readJson(postMessageAnsweredAtReceive(body, key).getBody());
        JsonNode second = readJson(postMessageAnsweredAtReceive(body, key).getBody());

        assertThat(second.path("messageId").asLong()).isEqualTo(first.path("messageId").asLong());
        assertThat(second.path("ticket").asText()).isEqualTo(first.path("ticket").asText());
        awaitSettled("WEB", "key:" + key);
        assertThat(readJson(postMessageAnsweredAtReceive(body, key).getBody()).path("ticket").asText())
                .isEqualTo(first.path("ticket").asText());
        assertThat(staffGet("/api/tickets/" + first.path("ticket").asText()).path("timeline")).hasSize(1);
    }

    @Test
    void referenceGivenToAMessageThatJoinedAnOpenTicketFindsThatTicket() {
        String email = "joined-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String open = readJson(postMessage("""
                {"email": "%s", "subject": "Order change", "body": "Please change order SO2026004242 to 5 cartons."}"""
                .formatted(email), null).getBody()).path("ticket").asText();

        String key = UUID.randomUUID().toString();
        String told = readJson(postMessageAnsweredAtReceive("""
                {"email": "%s", "subject": "Order change again", "body": "Any news on SO2026004242?"}""".formatted(email), key)
                .getBody()).path("ticket").asText();
        awaitSettled("WEB", "key:" + key);

        // The customer was told a reference before the hub knew the message continues an open matter.
        assertThat(told).isNotEqualTo(open);
        JsonNode ticket = staffGet("/api/tickets/" + told);
        assertThat(ticket.at("/ticket/ref").asText()).isEqualTo(open);
        assertThat(ticket.path("timeline")).hasSize(2);
    }

    @Test
    void missingFieldsAreEachReportedBy400() {
        ResponseEntity<String> response = postMessage("{}", null);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode errors = readJson(response.getBody()).path("errors");
        assertThat(errors.path("subject").asText()).isEqualTo("is required");
        assertThat(errors.path("body").asText()).isEqualTo("is required");
        assertThat(errors.path("reachable").asText()).contains("e-mail address or a phone number");
    }

    @Test
    void malformedFieldsAreEachReportedBy400() {
        ResponseEntity<String> response = postMessage("""
                {"email": "not-an-address", "subject": "%s", "body": "x", "orderNumber": "no spaces allowed",
                 "waybillNumber": "!!", "name": "%s", "phone": "%s"}""".formatted("s".repeat(301), "n".repeat(201), "1".repeat(41)), null);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode errors = readJson(response.getBody()).path("errors");
        assertThat(errors.path("email").asText()).contains("not a valid e-mail address");
        assertThat(errors.path("subject").asText()).contains("at most 300");
        assertThat(errors.path("orderNumber").asText()).contains("letters, digits or dashes");
        assertThat(errors.path("waybillNumber").asText()).contains("letters, digits or dashes");
        assertThat(errors.path("name").asText()).contains("at most 200");
        assertThat(errors.path("phone").asText()).contains("at most 40");
    }

    @Test
    void bodyThatIsNotJsonIs400WithAMessage() {
        ResponseEntity<String> response = postMessage("{\"subject\": ", null);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(readJson(response.getBody()).path("message").asText()).contains("not valid JSON");
    }

    @Test
    void oversizeBodyIsRefusedWith413BeforeAnythingIsStored() {
        long before = staffGet("/api/messages?channel=WEB&limit=500").size();
        String huge = "x".repeat(70_000);
        ResponseEntity<String> response = postMessage("""
                {"email": "big@example.com", "subject": "big", "body": "%s"}""".formatted(huge), null);
        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(staffGet("/api/messages?channel=WEB&limit=500").size()).isEqualTo(before);
    }

    @Test
    void scriptInMessageTextIsStoredAsPlainText() {
        String body = "<script>alert('x')</script> please call me";
        String ref = readJson(postMessage("""
                {"email": "xss@example.com", "subject": "hi", "body": "%s"}""".formatted(body.replace("'", "\\u0027")), null)
                .getBody()).path("ticket").asText();
        JsonNode contact = staffGet("/api/tickets/" + ref).at("/timeline/0");
        // Kept exactly as typed (the staff console escapes it when showing it); served as JSON, never as HTML.
        assertThat(contact.path("body").asText()).isEqualTo(body);
        ResponseEntity<String> raw = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/tickets/" + ref, String.class);
        assertThat(raw.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    }

    @Test
    void wrongContentTypeIsRefusedWith415() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<String> response = http.exchange("/api/messages", HttpMethod.POST, new HttpEntity<>("hello", headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(415);
    }
}
