package io.contacthub.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.testsupport.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Twilio's own X-Twilio-Signature test vectors (twilio-java, twilio-python, twilio-node; see
 * ../shared/corpus/twilio/SOURCES.md), each run through {@link TwilioSignature}, the code the
 * webhook filter uses. Skipped, with a console line saying so, when the corpus is not there.
 */
class TwilioSignatureVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "(corpus missing)";

    static Stream<Arguments> signatureVectors() throws IOException {
        return vectors("signature_vectors");
    }

    static Stream<Arguments> bodyHashVectors() throws IOException {
        return vectors("body_hash_vectors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureVectors")
    void signatureIsAcceptedExactlyWhenTwilioSaysItMustBe(String id, JsonNode vector) {
        Corpus.assumePresent("twilio", "TwilioSignatureVectorsTest");
        String sdkSpecific = vector.path("sdk_specific").isNull() ? null : vector.path("sdk_specific").asText();
        if (sdkSpecific != null) {
            String reason = "vector " + id + " asserts " + sdkSpecific + "-only behaviour (" + vector.path("notes").asText()
                    + "); the hub is not required to match it";
            System.out.println("SKIPPED " + reason);
            assumeTrue(false, reason);
        }
        String token = vector.path("auth_token").asText();
        String url = vector.path("url").asText();
        String signature = vector.path("x_twilio_signature").isNull() ? null : vector.path("x_twilio_signature").asText();
        boolean valid = switch (vector.path("kind").asText()) {
            case "form" -> TwilioSignature.isValid(token, url, params(vector.path("params")), signature);
            case "json" -> TwilioSignature.isValidWithBody(token, url,
                    vector.path("body").asText().getBytes(StandardCharsets.UTF_8), signature);
            default -> throw new AssertionError("unknown vector kind " + vector.path("kind"));
        };
        assertThat(valid).as("%s: %s", id, vector.path("notes").asText()).isEqualTo(vector.path("must_validate").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyHashVectors")
    void bodyHashCheckWeDelegateToMatchesExactlyWhenTwilioSaysItMust(String id, JsonNode vector) {
        Corpus.assumePresent("twilio", "TwilioSignatureVectorsTest");
        // JSON webhooks are checked by the SDK's RequestValidator (TwilioSignature.isValidWithBody).
        boolean matches = new com.twilio.security.RequestValidator("unused")
                .validateBody(vector.path("body").asText(), vector.path("sha256_hex").asText());
        assertThat(matches).as(id).isEqualTo(vector.path("must_validate").asBoolean());
    }

    private static Stream<Arguments> vectors(String field) throws IOException {
        Path file = Corpus.dir().resolve("twilio").resolve("vectors.json");
        if (!Files.isRegularFile(file)) {
            return Stream.of(Arguments.of(MISSING, null)); // the test itself skips and says why
        }
        JsonNode root = JSON.readTree(file.toFile());
        return StreamSupport.stream(root.path(field).spliterator(), false)
                .map(v -> Arguments.of(v.path("id").asText(), v));
    }

    /** A vector's params: an object whose list values are repeated form keys. */
    static Map<String, List<String>> params(JsonNode node) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(e.getValue().asText());
            }
            params.put(e.getKey(), values);
        });
        return params;
    }
}
