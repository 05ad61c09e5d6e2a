package io.contacthub.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.TestBackOffice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A faxed order form that arrived while the hub had no Tesseract becomes a ticket with its file kept
 * unread and no order request; once the hub restarts with Tesseract, the fax is OCR'd, the contact
 * understood again and the after-record chain run again, so the order system gets the request with
 * the fields read from the page — as if the fax had been readable when it came. Two real hub starts
 * on one data directory (the same embedded PostgreSQL), real Tesseract, WireMock for the order system.
 */
class LateOcrRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void faxThatWaitedForTesseractOpensItsOrderRequestOnceOcrd() throws Exception {
        String number = "+8620" + (40_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        TestBackOffice.shared().stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.phone", equalTo(number)))
                .willReturn(aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-LATE-1\"}")));
        Path spool = data.resolve("fax-spool");
        String ref;
        try (HubProcess hub = hub(spool).set("hub.ocr.tesseract", data.resolve("no-tesseract-here").toString()).start()) {
            drop(spool, number + "_order.tif",
                    FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(FaxFixtures.ORDER_FORM_EN, 53)), 204, 196));
            JsonNode message = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> fax(hub, number), m -> m != null && !"RECEIVED".equals(m.path("status").asText()));
            assertThat(message.path("status").asText()).as(message.path("reason").asText()).isEqualTo("PROCESSED");
            ref = message.path("ref").asText();
            JsonNode ticket = JSON.readTree(hub.staffGet("/api/tickets/" + ref).body());
            assertThat(ticket.at("/ticket/intent").asText()).as("unread, the fax says nothing yet").isEqualTo("GENERAL");
            assertThat(ticket.path("handoffs")).isEmpty();
            assertThat(JSON.readTree(hub.staffGet("/api/messages/" + message.path("id").asText() + "/fax").body())
                    .at("/documents/0/ocrStatus").asText()).isEqualTo("WAITING");
        }
        assertThat(orderRequests(number)).as("nothing reached the order system while the fax was unread").isEmpty();

        try (HubProcess hub = hub(spool).start()) {
            LoggedRequest request = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> orderRequests(number).stream().findFirst().orElse(null), r -> r != null);
            JsonNode order = JSON.readTree(request.getBodyAsString());
            assertThat(order.path("ticket").asText()).isEqualTo(ref);
            assertThat(order.at("/fields/pieces").asText()).isEqualTo("8");
            assertThat(order.at("/fields/pickupAddress").asText()).containsIgnoringCase("Kwai Chung");
            JsonNode ticket = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                    () -> JSON.readTree(hub.staffGet("/api/tickets/" + ref).body()),
                    t -> "DELIVERED".equals(t.at("/handoffs/0/status").asText()));
            assertThat(ticket.at("/ticket/intent").asText()).isEqualTo("ORDER");
            assertThat(ticket.at("/handoffs/0/externalRef").asText()).isEqualTo("SO-LATE-1");
            assertThat(ticket.path("handoffs")).as("one request, however often the chain ran").hasSize(1);
            assertThat(ticket.at("/timeline/0/body").asText()).contains("Harbour Freight");
        }
    }

    private HubProcess hub(Path spool) {
        return new HubProcess(data)
                .set("hub.fax.spool-dir", spool.toString())
                .set("hub.fax.spool-poll-delay", "300ms")
                .set("hub.backoffice.order.url", TestBackOffice.url(TestBackOffice.ORDER))
                .set("hub.backoffice.order.token", HubIntegrationTest.BACKOFFICE_TOKEN)
                .set("hub.backoffice.poll-delay", "200ms");
    }

    private static void drop(Path spool, String name, byte[] tiff) throws Exception {
        Files.createDirectories(spool);
        Path temp = Files.createTempFile(spool.getParent(), "fax", ".part");
        Files.write(temp, tiff);
        Files.move(temp, spool.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode fax(HubProcess hub, String number) throws Exception {
        for (JsonNode m : JSON.readTree(hub.staffGet("/api/messages?channel=FAX&limit=50").body())) {
            if (number.equals(m.path("sender").asText())) {
                return m;
            }
        }
        return null;
    }

    private static List<LoggedRequest> orderRequests(String number) {
        return TestBackOffice.shared().findAll(postRequestedFor(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.phone", equalTo(number))));
    }
}
