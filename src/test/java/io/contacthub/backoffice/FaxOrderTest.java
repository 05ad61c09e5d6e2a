package io.contacthub.backoffice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestBackOffice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A transport order form faxed into the spool folder is read by Tesseract and becomes an order
 * request in the order system (WireMock) with the fields read from the page — the whole path from
 * paper to back office, nothing typed by staff.
 */
class FaxOrderTest extends HubIntegrationTest {

    @Test
    void aFaxedOrderFormBecomesAnOrderRequestWithTheFieldsReadByOcr() throws Exception {
        String number = "+8620" + (30_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        TestBackOffice.shared().stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.phone", equalTo(number)))
                .willReturn(aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-FAX-1\"}")));
        byte[] tiff = FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(FaxFixtures.ORDER_FORM_EN, 77)), 204, 196);
        Files.createDirectories(FAX_SPOOL);
        Path temp = Files.createTempFile(FAX_SPOOL.getParent(), "fax", ".part");
        Files.write(temp, tiff);
        Files.move(temp, FAX_SPOOL.resolve(number + "_order.tif"), StandardCopyOption.ATOMIC_MOVE);

        LoggedRequest request = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> TestBackOffice.shared().findAll(postRequestedFor(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                        .withRequestBody(matchingJsonPath("$.customer.phone", equalTo(number)))).stream().findFirst().orElse(null),
                        r -> r != null);
        JsonNode order = json.readTree(request.getBodyAsString());
        assertThat(order.path("channel").asText()).isEqualTo("FAX");
        assertThat(order.at("/fields/pickupAddress").asText()).containsIgnoringCase("Kwai Chung");
        assertThat(order.at("/fields/deliveryAddress").asText()).containsIgnoringCase("Century Avenue");
        assertThat(order.at("/fields/goods").asText()).containsIgnoringCase("printers");
        assertThat(order.at("/fields/pieces").asText()).isEqualTo("8");
        assertThat(order.path("ticket").asText()).startsWith("CH-");
        JsonNode handoff = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> staffGet("/api/tickets/" + order.path("ticket").asText()).path("handoffs").get(0),
                h -> h != null && h.path("status").asText().equals("DELIVERED"));
        assertThat(handoff.path("externalRef").asText()).isEqualTo("SO-FAX-1");
    }
}
