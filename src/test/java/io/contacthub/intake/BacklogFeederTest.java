package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Messages committed while the processing queue was full are processed without waiting for the sweeper. */
class BacklogFeederTest extends HubIntegrationTest {

    @Autowired
    ReceiveStage receive;
    @Autowired
    BacklogFeeder backlog;
    @Autowired
    IntakeProperties intake;
    @Autowired
    JdbcClient jdbc;

    @Test
    void messagesLeftInTheDatabaseWhenTheQueueWasFullAreFedAsRoomFrees() {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String json = """
                    {"email": "backlog-%s-%d@example.com", "subject": "Peak %d", "body": "Where is order SO2026%06d?"}"""
                    .formatted(batch, i, i, i);
            ids.add(receive.receive(new InboundMessage("WEB", "key:backlog-" + batch + "-" + i, "127.0.0.1",
                    "backlog@example.com", "application/json", json.getBytes(StandardCharsets.UTF_8)), true).messageId());
        }
        // As IntakeQueue.offer does when the queue has no room: nothing is queued, only the first is reported.
        backlog.spilled(ids.get(0));

        // Well before the sweeper would look (stuck-after), every one of them is processed, once.
        assertThat(intake.stuckAfter()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.sql("select count(*) from inbound_message where id in (:ids) and status = 'PROCESSED'")
                        .param("ids", ids).query(Long.class).single() == ids.size());
        assertThat(jdbc.sql("select count(*) from contact_record where message_id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(ids.size());
        // Each opened the ticket whose reference was reserved for it at receive.
        assertThat(jdbc.sql("""
                        select count(*) from inbound_message m join contact_record c on c.message_id = m.id
                        where m.id in (:ids) and c.ticket_id = m.reserved_ticket_id""").param("ids", ids)
                .query(Long.class).single()).isEqualTo(ids.size());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !backlog.backlogged());
    }
}
