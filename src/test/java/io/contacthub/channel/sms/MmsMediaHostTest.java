package io.contacthub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contacthub.testsupport.HubIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed MMS whose media URL points somewhere other than Twilio (an internal service, a cloud
 * metadata endpoint): the hub does not fetch it, keeps the text as a ticket and records why the
 * medium was not downloaded.
 */
class MmsMediaHostTest extends HubIntegrationTest {

    private static WireMockServer internal;

    @BeforeAll
    static void internalService() {
        internal = new WireMockServer(wireMockConfig().dynamicPort());
        internal.start();
        internal.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("internal secrets")));
    }

    @AfterAll
    static void stop() {
        internal.stop();
    }

    @Test
    void mediaFromAHostThatIsNotTwilioIsRefusedAndNeverRequested() {
        String sid = newSid("MM");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", newMobile());
        params.put("To", "+8610950000");
        params.put("Body", "see the picture");
        params.put("NumMedia", "1");
        params.put("MediaContentType0", "text/plain");
        params.put("MediaUrl0", internal.baseUrl() + "/latest/meta-data/iam/security-credentials");

        assertThat(postTwilioSigned("/twilio/sms", params).getStatusCode().value()).isEqualTo(200);

        JsonNode message = awaitSettled("SMS", sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        assertThat(contact.path("body").asText()).isEqualTo("see the picture");
        assertThat(contact.at("/files/0/extractionError").asText()).contains("not one of Twilio's media hosts");
        assertThat(contact.toString()).doesNotContain("internal secrets");
        internal.verify(0, anyRequestedFor(anyUrl()));
    }
}
