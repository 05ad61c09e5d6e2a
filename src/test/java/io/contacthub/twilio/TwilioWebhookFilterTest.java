package io.contacthub.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import io.contacthub.testsupport.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The /twilio/** door on its own: configuration, the URL it checks, and what it refuses. */
class TwilioWebhookFilterTest {

    private static final String TOKEN = "12345";

    @Test
    void withoutAuthTokenEveryTwilioRequestGets503AndNothingPasses() throws Exception {
        TwilioWebhookFilter filter = new TwilioWebhookFilter("", "", 65536);
        MockHttpServletResponse response = run(filter, form("/twilio/sms", "MessageSid=SM1&From=%2B1", "anything"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("Twilio not configured");
        assertThat(filter.isConfigured()).isFalse();
    }

    @Test
    void otherPathsAreNotTouched() throws Exception {
        TwilioWebhookFilter filter = new TwilioWebhookFilter("", "", 65536);
        MockHttpServletRequest request = form("/api/messages", "{}", null);
        AtomicReference<Object> passed = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));
        assertThat(passed.get()).isNotNull();
    }

    @Test
    void behindAProxyThePublicUrlIsWhatIsChecked() throws Exception {
        String body = "MessageSid=SM123456789&From=%2B8613900001111&Body=hi";
        String signature = TwilioSignature.compute(TOKEN, "https://hub.example.cn/twilio/sms?tenant=a",
                FormBody.parse(body.getBytes(StandardCharsets.UTF_8)));
        TwilioWebhookFilter filter = new TwilioWebhookFilter(TOKEN, "https://hub.example.cn/", 65536);
        MockHttpServletRequest request = form("/twilio/sms", body, signature);
        request.setQueryString("tenant=a");
        assertThat(filter.signedUrl(request)).isEqualTo("https://hub.example.cn/twilio/sms?tenant=a");
        AtomicReference<Object> passed = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));
        assertThat(passed.get()).isNotNull();
        // the same request checked against its own (internal) URL fails: the signature is for the public one
        MockHttpServletResponse direct = run(new TwilioWebhookFilter(TOKEN, "", 65536), request);
        assertThat(direct.getStatus()).isEqualTo(403);
    }

    @Test
    void missingOrWrongSignatureGets403AndAMalformedBody400AndAnOversizeBody413() throws Exception {
        TwilioWebhookFilter filter = new TwilioWebhookFilter(TOKEN, "", 100);
        assertThat(run(filter, form("/twilio/sms", "MessageSid=SM1", null)).getContentAsString()).contains("missing X-Twilio-Signature");
        assertThat(run(filter, form("/twilio/sms", "MessageSid=SM1", "bm90IGEgc2lnbmF0dXJl")).getStatus()).isEqualTo(403);
        assertThat(run(filter, form("/twilio/sms", "Body=%E4%ZZ", "x")).getStatus()).isEqualTo(400);
        assertThat(run(filter, form("/twilio/sms", "Body=" + "a".repeat(101), "x")).getStatus()).isEqualTo(413);
    }

    @Test
    void corpusSmsWebhooksWithTheirDerivedSignaturesPassAndAgreeWithTheTwilioSdk() throws Exception {
        JsonNode sms = new ObjectMapper().readTree(Corpus.assumePresent("twilio", "TwilioWebhookFilterTest")
                .resolve("webhook_incoming_sms.json").toFile());
        JsonNode example = sms.path("derived_signature_example");
        TwilioWebhookFilter filter = new TwilioWebhookFilter(example.path("auth_token").asText(), "https://example.com", 65536);
        for (JsonNode variant : List.of(sms, sms.at("/variants/unicode_body_chinese"))) {
            String body = variant.path("form_urlencoded").asText();
            String signature = variant.has("derived_x_twilio_signature") ? variant.path("derived_x_twilio_signature").asText()
                    : example.path("x_twilio_signature").asText();
            AtomicReference<Object> passed = new AtomicReference<>();
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(form("/twilio/sms", body, signature), response, (req, res) -> passed.set(req));
            assertThat(passed.get()).as("%s answered %s", body, response.getStatus()).isNotNull();
            // Twilio's SDK agrees (its API takes single-valued params, which these are)
            Map<String, String> single = new java.util.HashMap<>();
            FormBody.parse(body.getBytes(StandardCharsets.UTF_8)).forEach((k, v) -> single.put(k, v.get(0)));
            assertThat(new RequestValidator(example.path("auth_token").asText())
                    .validate(example.path("url").asText(), single, signature)).isTrue();
        }
    }

    private static MockHttpServletResponse run(TwilioWebhookFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest form(String path, String body, String signature) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.addHeader(TwilioSignature.HEADER, signature);
        }
        return request;
    }
}
