package io.contacthub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.PhotoFixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MMS with a phone photo (JPEG) of a waybill label: the medium is downloaded from Twilio (WireMock,
 * outside the hub), OCR'd by the real Tesseract, and the waybill number on the label becomes an entity
 * of the contact.
 */
class MmsAttachmentOcrTest extends HubIntegrationTest {

    /** A JPEG photo (grain, compression, a 1.5° turn) read with at most 10 % of characters wrong. */
    private static final double PHOTO_CER = 0.10;
    private static WireMockServer twilioMedia;

    @BeforeAll
    static void twilioMedia() {
        // The hub downloads media only from Twilio's hosts and hub.twilio.api-url: the stand-in is there.
        twilioMedia = io.contacthub.testsupport.TestTwilioApi.shared();
    }

    @Test
    void jpegPhotoOfAWaybillLabelIsOcrdAndItsNumberBecomesAnEntity() {
        String waybill = "YT" + (1_000_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000_000L));
        List<String> label = List.of("圆通速递 快递运单", "运单号：" + waybill, "寄件人：陈明 13800138000",
                "收件人：刘洋", "目的地：广州市天河区");
        byte[] jpeg = PhotoFixtures.jpeg(PhotoFixtures.photo(label, 34, -1.5, 8, 0, 17), 0.8f);
        String sid = newSid("MM");
        String path = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages/" + sid + "/Media/ME1";
        twilioMedia.stubFor(get(urlEqualTo(path)).withBasicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", newMobile());
        params.put("To", "+8610950000");
        params.put("Body", "包裹到了吗？");
        params.put("NumMedia", "1");
        params.put("MediaContentType0", "image/jpeg");
        params.put("MediaUrl0", twilioMedia.baseUrl() + path);

        assertThat(postTwilioSigned("/twilio/sms", params).getStatusCode().value()).isEqualTo(200);

        JsonNode message = awaitSettled("SMS", sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        JsonNode file = contact.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("media-0.jpg");
        assertThat(file.path("extractedBy").asText()).matches("ocr:pp-ocrv4:ch\\+en \\(mean confidence \\d+\\.\\d\\)");
        assertThat(characterErrorRate(String.join("\n", label), file.path("text").asText()))
                .as(file.path("text").asText()).isLessThan(PHOTO_CER);
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains(waybill);
    }
}
