package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI description the running hub serves ({@code /v3/api-docs}, open without sign-in) says
 * what integrators rely on, says the truth about who may call what, and is the one checked in as
 * {@code docs/openapi.json}. After an API change, refresh that file with
 * {@code ./mvnw test -Dtest=OpenApiDescriptionTest -Dopenapi.write=true} and commit it.
 */
class OpenApiDescriptionTest extends HubIntegrationTest {

    static final Path CHECKED_IN = Path.of("docs", "openapi.json");
    private static final Set<String> AUDIENCES = Set.of("public", "staff", "webhooks");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Test
    void descriptionAndSwaggerUiAreServedWithoutSignIn() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        JsonNode api = readJson(docs.getBody());
        assertThat(api.path("openapi").asText()).startsWith("3.1");
        assertThat(api.at("/info/title").asText()).isEqualTo("Contact Hub API");

        ResponseEntity<String> ui = http.getForEntity("/swagger-ui.html", String.class);
        assertThat(ui.getStatusCode().value()).isEqualTo(200);
        assertThat(ui.getBody()).contains("swagger-ui");
        assertThat(http.getForEntity("/swagger-ui/swagger-initializer.js", String.class).getStatusCode().value()).isEqualTo(200);
        // the UI is pointed at the hub's own description and calls nothing outside
        JsonNode config = readJson(http.getForEntity("/v3/api-docs/swagger-config", String.class).getBody());
        assertThat(config.path("validatorUrl").asText()).isEqualTo("none");
        assertThat(config.path("urls")).extracting(u -> u.path("name").asText()).containsExactlyInAnyOrder("public", "staff", "webhooks");
    }

    @Test
    void theMessageApiIsDescribedWithItsRequestFields() {
        JsonNode api = description();
        JsonNode post = api.at("/paths/~1api~1messages/post");
        assertThat(post.path("operationId").asText()).isEqualTo("sendMessage");
        assertThat(post.path("tags")).extracting(JsonNode::asText).containsExactly("public");
        assertThat(post.path("security")).as("no sign-in").isEmpty();
        assertThat(post.at("/parameters/0/name").asText()).isEqualTo("Idempotency-Key");
        assertThat(post.at("/parameters/0/in").asText()).isEqualTo("header");

        JsonNode request = resolve(api, post.at("/requestBody/content/application~1json/schema"));
        assertThat(fieldNames(request.path("properties")))
                .contains("name", "email", "phone", "subject", "body", "orderNumber", "waybillNumber", "fields")
                .as("validation checks are not request fields").doesNotContain("reachable", "fieldsWellFormed");
        assertThat(request.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("subject", "body");
        assertThat(request.at("/properties/subject/maxLength").asInt()).isEqualTo(300);
        assertThat(request.at("/properties/email/format").asText()).isEqualTo("email");
        assertThat(request.at("/properties/orderNumber/pattern").asText()).isEqualTo("^[A-Za-z0-9-]{4,40}$");

        assertThat(fieldNames(post.path("responses"))).contains("202", "400", "413", "415", "429");
        JsonNode invalid = resolve(api, post.at("/responses/400/content/application~1problem+json/schema"));
        assertThat(fieldNames(invalid.path("properties"))).contains("errors", "fieldErrors");
        JsonNode problem = resolve(api, invalid.at("/allOf/0"));
        assertThat(fieldNames(problem.path("properties"))).contains("type", "title", "status", "detail", "instance", "message");
    }

    @Test
    void twilioWebhooksAreDescribedWithTheirFormsAndSignature() {
        JsonNode api = description();
        assertThat(api.at("/components/securitySchemes/twilioSignature/name").asText()).isEqualTo("X-Twilio-Signature");
        for (String path : List.of("/twilio/sms", "/twilio/voice", "/twilio/voice/menu", "/twilio/voice/waybill", "/twilio/voice/done",
                "/twilio/recording", "/twilio/fax", "/twilio/sms-status", "/twilio/call-status")) {
            JsonNode post = api.path("paths").path(path).path("post");
            assertThat(post.isObject()).as(path).isTrue();
            assertThat(post.path("tags")).extracting(JsonNode::asText).as(path).containsExactly("webhooks");
            assertThat(post.at("/security/0").has("twilioSignature")).as(path).isTrue();
            assertThat(post.at("/responses/403/content/application~1problem+json").isObject()).as(path).isTrue();
            assertThat(post.at("/requestBody/content/application~1x-www-form-urlencoded/schema").isObject()).as(path).isTrue();
        }
        JsonNode sms = api.at("/paths/~1twilio~1sms/post");
        assertThat(sms.at("/responses/200/content/text~1xml").isObject()).as("TwiML").isTrue();
        JsonNode form = resolve(api, sms.at("/requestBody/content/application~1x-www-form-urlencoded/schema"));
        assertThat(fieldNames(form.path("properties"))).contains("MessageSid", "From", "To", "Body", "NumMedia", "MediaUrl0");
        JsonNode recording = resolve(api, api.at("/paths/~1twilio~1recording/post/requestBody/content/application~1x-www-form-urlencoded/schema"));
        assertThat(fieldNames(recording.path("properties"))).contains("RecordingSid", "RecordingUrl", "RecordingStatus", "CallSid");
        assertThat(fieldNames(api.at("/paths/~1twilio~1recording/post/responses"))).contains("204");
        JsonNode report = api.at("/paths/~1twilio~1sms-status/post");
        assertThat(report.path("parameters")).extracting(p -> p.path("name").asText()).contains("n");
    }

    @Test
    void staffEndpointsSayTheyNeedBasicSignIn() {
        JsonNode api = description();
        assertThat(api.at("/components/securitySchemes/staffBasic/type").asText()).isEqualTo("http");
        assertThat(api.at("/components/securitySchemes/staffBasic/scheme").asText()).isEqualTo("basic");
        JsonNode ticket = api.at("/paths/~1api~1tickets~1{ref}/get");
        assertThat(ticket.path("operationId").asText()).isEqualTo("getTicket");
        assertThat(ticket.path("tags")).extracting(JsonNode::asText).containsExactly("staff");
        assertThat(ticket.at("/security/0").has("staffBasic")).isTrue();
        assertThat(fieldNames(ticket.path("responses"))).contains("200", "401", "404");
        assertThat(api.at("/paths/~1api~1admin~1transcriptions~1run/post/responses/403").isObject()).isTrue();
        assertThat(api.at("/paths/~1api~1messages/get/tags/0").asText()).as("listing messages is for staff").isEqualTo("staff");
    }

    @Test
    void consolePortalAndActuatorAreNotDescribed() {
        for (String path : fieldNames(description().path("paths"))) {
            assertThat(path).matches("/(api|twilio|webhooks)/.*");
        }
    }

    @Test
    void everyOperationHasOneAudienceAStableIdAndASummary() {
        JsonNode api = description();
        Set<String> ids = new HashSet<>();
        Set<String> described = new HashSet<>();
        forEachOperation(api, (call, operation) -> {
            described.add(call);
            if (!call.contains(" /webhooks/")) {
                assertThat(ApiDocs.OPERATIONS).as("describe %s in ApiDocs.OPERATIONS (id, summary, success status)", call)
                        .containsKey(call);
            } else {
                assertThat(operation.path("operationId").asText())
                        .as("a channel's call %s names itself: @Operation(operationId, summary) on its handler", call).isNotBlank();
            }
            assertThat(operation.path("tags")).as(call).hasSize(1);
            assertThat(AUDIENCES).as(call).contains(operation.at("/tags/0").asText());
            assertThat(operation.path("summary").asText()).as(call).isNotBlank();
            assertThat(ids.add(operation.path("operationId").asText())).as("operationId of %s is unique", call).isTrue();
        });
        assertThat(described).as("ApiDocs.OPERATIONS lists no call the hub does not serve").containsAll(ApiDocs.OPERATIONS.keySet());
        for (String group : AUDIENCES) {
            JsonNode part = readJson(http.getForEntity("/v3/api-docs/" + group, String.class).getBody());
            List<String> calls = new ArrayList<>();
            forEachOperation(part, (call, operation) -> {
                calls.add(call);
                assertThat(operation.at("/tags/0").asText()).as(call + " in group " + group).isEqualTo(group);
            });
            assertThat(calls).as(group).isNotEmpty();
            assertThat(part.path("tags")).extracting(t -> t.path("name").asText()).as(group).containsExactly(group);
        }
        JsonNode publicPart = readJson(http.getForEntity("/v3/api-docs/public", String.class).getBody());
        assertThat(fieldNames(publicPart.at("/components/schemas"))).as("the public group's types")
                .contains("WebMessageRequest", "Problem", "ValidationProblem")
                .doesNotContain("MessageQueries.MessageView", "TwilioIncomingMessage");
    }

    /** What the description says about sign-in is what the hub does: anonymous calls are refused exactly where it says so. */
    @Test
    void describedSecurityIsWhatTheHubEnforces() {
        forEachOperation(description(), (call, operation) -> {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(path.startsWith("/twilio/") ? MediaType.APPLICATION_FORM_URLENCODED : MediaType.APPLICATION_JSON);
            ResponseEntity<String> answer = http.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>("{}", headers), String.class);
            int status = answer.getStatusCode().value();
            switch (operation.at("/tags/0").asText()) {
                case "staff" -> assertThat(status).as(call + " without credentials").isEqualTo(401);
                // Twilio's refuse an unsigned call with 403; a channel's own (/webhooks/**) as its handler says: the
                // webhook channel with 401, or 404 for a source it does not have ("1"); never accepted.
                case "webhooks" -> assertThat(status).as(call + " unsigned").isIn(path.startsWith("/webhooks/")
                        ? new Integer[] {401, 403, 404} : new Integer[] {403});
                default -> assertThat(status).as(call + " is public").isNotIn(401, 403);
            }
        });
    }

    /**
     * docs/openapi.json is what the hub serves (normalised: server addresses, key order, layout), so an
     * API change without a refreshed file fails the build. With -Dopenapi.write=true the file is written.
     */
    @Test
    void checkedInDescriptionIsWhatTheHubServes() throws Exception {
        String served = canonical(description());
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
            System.out.println("OPENAPI: wrote " + CHECKED_IN.toAbsolutePath());
            return;
        }
        assertThat(Files.exists(CHECKED_IN)).as(CHECKED_IN + " is missing: " + REFRESH).isTrue();
        String checkedIn = canonical(json.readTree(Files.readString(CHECKED_IN, StandardCharsets.UTF_8)));
        if (!checkedIn.equals(served)) {
            Path actual = Path.of("target", "openapi-served.json");
            Files.writeString(actual, served, StandardCharsets.UTF_8);
            throw new AssertionError(CHECKED_IN + " differs from what the hub serves (written to " + actual + "), first at "
                    + firstDifference(json.readTree(checkedIn), json.readTree(served), "") + ": " + REFRESH);
        }
    }

    static final String REFRESH = "refresh it with ./mvnw test -Dtest=OpenApiDescriptionTest -Dopenapi.write=true and commit it";

    private JsonNode description() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        return readJson(docs.getBody());
    }

    /** The description without what differs between runs (the address the hub was reached at), keys sorted, indented. */
    private String canonical(JsonNode api) throws Exception {
        ObjectNode copy = api.deepCopy();
        ArrayNode servers = copy.putArray("servers");
        for (JsonNode server : api.path("servers")) {
            ObjectNode normalised = server.deepCopy();
            normalised.put("url", server.path("url").asText().replaceFirst("^https?://[^/]+", ""));
            if (normalised.path("url").asText().isEmpty()) {
                normalised.put("url", "/");
            }
            servers.add(normalised);
        }
        ObjectMapper sorted = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Object tree = sorted.treeToValue(copy, Object.class); // maps, so their entries are sorted by key
        return sorted.writeValueAsString(tree) + "\n";
    }

    private static String firstDifference(JsonNode a, JsonNode b, String at) {
        if (a.isObject() && b.isObject()) {
            Set<String> names = new java.util.TreeSet<>(fieldNames(a));
            names.addAll(fieldNames(b));
            for (String name : names) {
                if (!a.path(name).equals(b.path(name))) {
                    return firstDifference(a.path(name), b.path(name), at + "/" + name.replace("~", "~0").replace("/", "~1"));
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return firstDifference(a.get(i), b.get(i), at + "/" + i);
                }
            }
        }
        return (at.isEmpty() ? "/" : at) + " (checked in: " + abbreviate(a) + ", served: " + abbreviate(b) + ")";
    }

    private static String abbreviate(JsonNode node) {
        String text = node.isMissingNode() ? "nothing" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static JsonNode resolve(JsonNode api, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : api.at(ref.substring(1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void forEachOperation(JsonNode api, java.util.function.BiConsumer<String, JsonNode> each) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isObject()) {
                    each.accept(method.toUpperCase() + " " + path.getKey(), operation);
                }
            }
        }
    }
}
