package io.contacthub.channel.fax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * A fax number is an identity kind of its own (FAX), so a customer known only by their fax line is
 * never texted or rung on it: staff see there is no way to answer them until they have an address.
 */
class FaxNumberIdentityTest extends HubIntegrationTest {

    @Test
    void aFaxOnlySenderIsNeitherTextedNorRungOnTheirFaxLine() throws Exception {
        String number = "+8621" + (20_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        Files.createDirectories(FAX_SPOOL);
        Path temp = Files.createTempFile(FAX_SPOOL.getParent(), "fax", ".part");
        Files.write(temp, FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(FaxFixtures.ORDER_FORM_EN, 91)), 204, 196));
        Files.move(temp, FAX_SPOOL.resolve(number + "_0001.tif"), StandardCopyOption.ATOMIC_MOVE);
        JsonNode message = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode m : staffGet("/api/messages?channel=FAX&limit=500")) {
                if (number.equals(m.path("sender").asText()) && !"RECEIVED".equals(m.path("status").asText())) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
        String ref = message.path("ref").asText();
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/customer/identities").toString()).contains("FAX:" + number).doesNotContain("PHONE:");

        ResponseEntity<String> bySms = staffPostJson("/api/tickets/" + ref + "/replies",
                "{\"body\": \"We received your order form.\", \"channel\": \"SMS\"}");
        ResponseEntity<String> automatic = staffPostJson("/api/tickets/" + ref + "/replies",
                "{\"body\": \"We received your order form.\"}");

        assertThat(bySms.getStatusCode().value()).isEqualTo(400);
        assertThat(bySms.getBody()).contains("no phone number");
        assertThat(automatic.getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from notification n join ticket t on t.id = n.ticket_id where t.ref = ?")
                .param(ref).query(Long.class).single()).as("nothing queued to the fax line").isZero();
        String page = http.withBasicAuth("admin", ADMIN_PASSWORD).getForObject("/console/tickets/" + ref, String.class);
        assertThat(page).doesNotContain("id=\"reply-channel\"");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
}
