package io.contacthub.channel.email;

import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.contacthub.intake.SourceHealth;
import io.contacthub.testsupport.CountingProxy;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mailboxes read like a mail client reads them: mail is new to the hub by its server id (IMAP UID
 * within UIDVALIDITY, POP3 UIDL), not by the \Seen flag, so mail a person opened first is still
 * ingested, and nothing is ingested or downloaded twice — across polls and restarts. Mail over the
 * size limit is recorded FAILED from the size the server gives, from its headers alone.
 */
class MailboxUidTrackingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void mailReadByAPersonBeforeTheHubPollsAndPop3MailLeftOnTheServerAreEachIngestedOnceAcrossPollsAndARestart() throws Exception {
        GreenMail server = TestMailServer.shared();
        String imapLogin = user(server, "read");
        String pop3Login = user(server, "kept");
        // A mailbox people have worked in by hand: what they had read before the hub came is theirs.
        String handLogin = user(server, "hand");
        // Big enough that downloading it again would show in the bytes the server sends.
        byte[] photo = new byte[200_000];
        new Random(11).nextBytes(photo);
        MailFixtures readFirst = mail().from("early.customer@example.com").to(imapLogin + "@localhost")
                .subject("Opened in Outlook before the hub polled").text("Where is waybill SF1234567890123?")
                .attach("damage.jpg", "image/jpeg", photo);
        MailFixtures unread = mail().from("second.customer@example.com").to(imapLogin + "@localhost")
                .subject("Nobody opened this one").text("Please call me back.");
        TestMailServer.deliver(imapLogin, readFirst.build());
        TestMailServer.deliver(imapLogin, unread.build());
        readLikeAMailClient(imapLogin, readFirst.messageId());
        assertThat(TestMailServer.inbox(imapLogin).stream().filter(TestMailServer::isSeen).count()).isEqualTo(1);
        MailFixtures pop1 = mail().from("pop.one@example.com").to(pop3Login + "@localhost").subject("First POP3 mail").text("one");
        MailFixtures pop2 = mail().from("pop.two@example.com").to(pop3Login + "@localhost").subject("Second POP3 mail").text("two");
        TestMailServer.deliver(pop3Login, pop1.build());
        TestMailServer.deliver(pop3Login, pop2.build());
        MailFixtures handledByHand = mail().from("old.customer@example.com").to(handLogin + "@localhost")
                .subject("Answered by phone last year").text("thanks");
        MailFixtures waitingInHandMailbox = mail().from("waiting.customer@example.com").to(handLogin + "@localhost")
                .subject("Still unread when the hub came").text("hello?");
        TestMailServer.deliver(handLogin, handledByHand.build());
        TestMailServer.deliver(handLogin, waitingInHandMailbox.build());
        readLikeAMailClient(handLogin, handledByHand.messageId());

        Path dataDir = Path.of("target", "test-data", "uids-" + UUID.randomUUID());
        try (CountingProxy imap = new CountingProxy(server.getImap().getPort())) {
            try (HubProcess hub = hub(dataDir, imap, imapLogin, pop3Login, handLogin).start()) {
                JdbcClient jdbc = hub.bean(JdbcClient.class);
                await().atMost(WAIT).until(() -> settled(jdbc, readFirst) && settled(jdbc, unread) && settled(jdbc, pop1) && settled(jdbc, pop2)
                        && settled(jdbc, waitingInHandMailbox));
                awaitFurtherPolls(hub, "read", "kept", "hand");
                assertThat(rows(jdbc, handledByHand)).isZero();
                assertThat(recorded(jdbc, "hand")).containsEntry("SKIPPED", 1L).containsEntry("INGESTED", 1L);

                for (MailFixtures m : new MailFixtures[] {readFirst, unread, pop1, pop2}) {
                    assertThat(rows(jdbc, m)).as(m.messageId()).isEqualTo(1);
                }
                assertThat(status(jdbc, readFirst)).isEqualTo("PROCESSED");
                assertThat(recorded(jdbc, "read")).containsOnlyKeys("INGESTED").containsEntry("INGESTED", 2L);
                assertThat(recorded(jdbc, "kept")).containsOnlyKeys("INGESTED").containsEntry("INGESTED", 2L);
                assertThat(jdbc.sql("select count(*) from mailbox_uid where message_id is null and outcome <> 'SKIPPED'").query(Long.class).single()).isZero();
                assertThat(jdbc.sql("select distinct uid_validity from mailbox_uid where mailbox = 'kept'").query(Long.class).list())
                        .containsExactly(0L);
                // deleteAfterCommit off: the POP3 mail stays on the server and is not read again.
                assertThat(TestMailServer.inbox(pop3Login)).hasSize(2);
            }
            long servedBeforeRestart = imap.bytesServed();

            // While the hub is down a mail arrives and a person reads it before the hub is back.
            MailFixtures late = mail().from("late.customer@example.com").to(imapLogin + "@localhost")
                    .subject("Sent while the hub was stopped").text("Is anyone there?");
            TestMailServer.deliver(imapLogin, late.build());
            readLikeAMailClient(imapLogin, late.messageId());
            MailFixtures pop3 = mail().from("pop.three@example.com").to(pop3Login + "@localhost").subject("Third POP3 mail").text("three");
            TestMailServer.deliver(pop3Login, pop3.build());
            // Mail that came after the hub first met the folder is the hub's, read or not.
            MailFixtures readAfterBaseline = mail().from("new.customer@example.com").to(handLogin + "@localhost")
                    .subject("New, but a colleague opened it").text("order please");
            TestMailServer.deliver(handLogin, readAfterBaseline.build());
            readLikeAMailClient(handLogin, readAfterBaseline.messageId());

            try (HubProcess again = hub(dataDir, imap, imapLogin, pop3Login, handLogin).start()) {
                JdbcClient jdbc = again.bean(JdbcClient.class);
                await().atMost(WAIT).until(() -> settled(jdbc, late) && settled(jdbc, pop3) && settled(jdbc, readAfterBaseline));
                awaitFurtherPolls(again, "read", "kept", "hand");
                assertThat(rows(jdbc, handledByHand)).isZero();
                assertThat(rows(jdbc, readAfterBaseline)).isEqualTo(1);

                for (MailFixtures m : new MailFixtures[] {readFirst, unread, pop1, pop2, late, pop3}) {
                    assertThat(rows(jdbc, m)).as(m.messageId()).isEqualTo(1);
                }
                assertThat(recorded(jdbc, "read")).containsEntry("INGESTED", 3L);
                assertThat(recorded(jdbc, "kept")).containsEntry("INGESTED", 3L);
                // After the restart only the new mail was downloaded, not the 270 kB one read before.
                assertThat(imap.bytesServed() - servedBeforeRestart).isLessThan(100_000);
            }
        }
    }

    @Test
    void fortyMegabyteMailIsRecordedFailedFromItsSizeWithItsHeadersWithoutItsBodyBeingDownloaded() throws Exception {
        GreenMail server = TestMailServer.shared();
        String bigLogin = user(server, "big");
        String smallLimitLogin = user(server, "lim");
        byte[] scans = new byte[30 * 1024 * 1024];
        new Random(3).nextBytes(scans);
        MailFixtures huge = mail().from("warehouse.scanner@example.com").to(bigLogin + "@localhost")
                .subject("Forty megabytes of scans").text("All delivery notes of March attached.")
                .attach("scans.tif", "image/tiff", scans);
        byte[] hugeRaw = huge.build();
        assertThat(hugeRaw.length).isGreaterThan(40 * 1024 * 1024);
        TestMailServer.deliver(bigLogin, hugeRaw);
        hugeRaw = null;
        scans = null;
        MailFixtures after = mail().from("next.customer@example.com").to(bigLogin + "@localhost")
                .subject("Arrived after the big one").text("Order SO20260314 please.");
        TestMailServer.deliver(bigLogin, after.build());
        byte[] photo = new byte[40_000];
        new Random(5).nextBytes(photo);
        MailFixtures overOwnLimit = mail().from("photographer@example.com").to(smallLimitLogin + "@localhost")
                .subject("Photo of the pallet").text("see photo").attach("pallet.jpg", "image/jpeg", photo);
        TestMailServer.deliver(smallLimitLogin, overOwnLimit.build());

        try (CountingProxy imap = new CountingProxy(server.getImap().getPort());
             CountingProxy pop3 = new CountingProxy(server.getPop3().getPort());
             HubProcess hub = new HubProcess()
                     .set("hub.mail.poll-delay", "300ms")
                     .set("hub.mail.mailboxes[0].name", "big")
                     .set("hub.mail.mailboxes[0].url", imapUrl(bigLogin, imap.port()))
                     // POP3, which deletes after commit by default: the mail over its own limit is kept.
                     .set("hub.mail.mailboxes[1].name", "lim")
                     .set("hub.mail.mailboxes[1].url", "pop3://" + smallLimitLogin + ":" + TestMailServer.PASSWORD
                             + "@localhost:" + pop3.port() + "/INBOX")
                     .set("hub.mail.mailboxes[1].max-message-bytes", "20000")
                     .start()) {
            JdbcClient jdbc = hub.bean(JdbcClient.class);
            await().atMost(WAIT).until(() -> settled(jdbc, huge) && settled(jdbc, after) && settled(jdbc, overOwnLimit));

            Map<String, Object> row = jdbc.sql("""
                            select id, status, reason, raw_size, content_type, sender, convert_from(raw, 'UTF8') as raw
                            from inbound_message where external_id like ?""")
                    .param(huge.messageId() + "%").query().singleRow();
            assertThat(row.get("status")).isEqualTo("FAILED");
            assertThat((String) row.get("reason")).contains("over the limit of 26214400 bytes (hub.intake.max-message-bytes)")
                    .contains("not downloaded").contains("mailbox 'big'");
            assertThat((Integer) row.get("raw_size")).isLessThan(16_384);
            assertThat(row.get("content_type")).isEqualTo("text/rfc822-headers");
            assertThat((String) row.get("sender")).contains("warehouse.scanner@example.com");
            assertThat((String) row.get("raw")).contains("Subject: Forty megabytes of scans").contains(huge.messageId())
                    .doesNotContain("All delivery notes");
            Map<String, Object> uid = jdbc.sql("select outcome, size_bytes, message_id from mailbox_uid where mailbox = 'big' and message_id = ?")
                    .param(row.get("id")).query().singleRow();
            assertThat(uid.get("outcome")).isEqualTo("OVERSIZE");
            assertThat((Long) uid.get("size_bytes")).isGreaterThan(40L * 1024 * 1024);
            // Everything the server sent for this mailbox, the small mail after it included: far from 40 MB.
            assertThat(imap.bytesServed()).isLessThan(1_000_000);
            // The mail after it goes through as usual; the big one stays on the server, where the whole mail is.
            assertThat(status(jdbc, after)).isEqualTo("PROCESSED");
            assertThat(TestMailServer.inbox(bigLogin)).hasSize(2);

            Map<String, Object> own = jdbc.sql("select status, reason from inbound_message where external_id like ?")
                    .param(overOwnLimit.messageId() + "%").query().singleRow();
            assertThat(own.get("status")).isEqualTo("FAILED");
            assertThat((String) own.get("reason")).contains("over the limit of 20000 bytes")
                    .contains("hub.mail.mailboxes[].max-message-bytes of mailbox lim");
            // POP3 TOP n 0 gave the headers: the 55 kB mail was not retrieved, and stays on the server.
            assertThat(pop3.bytesServed()).isLessThan(20_000);
            assertThat(TestMailServer.inbox(smallLimitLogin)).hasSize(1);
            assertThat(jdbc.sql("select outcome from mailbox_uid where mailbox = 'lim'").query(String.class).list()).containsExactly("OVERSIZE");
        }
    }

    private static HubProcess hub(Path dataDir, CountingProxy imap, String imapLogin, String pop3Login, String handLogin) {
        return new HubProcess(dataDir)
                .set("hub.mail.poll-delay", "300ms")
                .set("hub.mail.mailboxes[0].name", "read")
                .set("hub.mail.mailboxes[0].url", imapUrl(imapLogin, imap.port()))
                .set("hub.mail.mailboxes[1].name", "kept")
                .set("hub.mail.mailboxes[1].url", "pop3://" + pop3Login + ":" + TestMailServer.PASSWORD + "@localhost:"
                        + TestMailServer.shared().getPop3().getPort() + "/INBOX")
                .set("hub.mail.mailboxes[1].delete-after-commit", "false")
                .set("hub.mail.mailboxes[2].name", "hand")
                .set("hub.mail.mailboxes[2].url", imapUrl(handLogin, TestMailServer.shared().getImap().getPort()))
                .set("hub.mail.mailboxes[2].on-first-poll", "skip-read");
    }

    private static String imapUrl(String login, int port) {
        return "imap://" + login + ":" + TestMailServer.PASSWORD + "@localhost:" + port + "/INBOX";
    }

    private static String user(GreenMail server, String prefix) {
        String login = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        server.setUser(login + "@localhost", login, TestMailServer.PASSWORD);
        return login;
    }

    /** What a person's mail client does: open the mail and read it, which flags it \Seen on the server. */
    private static void readLikeAMailClient(String login, String messageId) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("localhost", TestMailServer.shared().getImap().getPort(), login, TestMailServer.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                String[] id = m.getHeader("Message-ID");
                if (id != null && id[0].equals(messageId)) {
                    m.getContent();
                    m.setFlag(Flags.Flag.SEEN, true);
                }
            }
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThat(TestMailServer.inbox(login).stream()
                .filter(m -> TestMailServer.isSeen(m) && new String(headerOf(m), StandardCharsets.UTF_8).contains(messageId)))
                .hasSize(1);
    }

    private static byte[] headerOf(com.icegreen.greenmail.store.StoredMessage m) {
        try {
            String[] id = m.getMimeMessage().getHeader("Message-ID");
            return (id == null ? "" : id[0]).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for polls that start after now, so a mail read twice would have been by then. */
    private static void awaitFurtherPolls(HubProcess hub, String... mailboxes) {
        SourceHealth health = hub.bean(SourceHealth.class);
        long since = System.nanoTime();
        await().atMost(WAIT).until(() -> {
            double elapsed = (System.nanoTime() - since) / 1e9;
            Map<String, Double> ages = health.secondsSinceLastSuccess();
            for (String mailbox : mailboxes) {
                Double age = ages.get("mailbox:" + mailbox);
                if (age == null || elapsed - age < 1.5) {
                    return false;
                }
            }
            return true;
        });
    }

    private static long rows(JdbcClient jdbc, MailFixtures m) {
        return jdbc.sql("select count(*) from inbound_message where external_id like ?").param(m.messageId() + "%")
                .query(Long.class).single();
    }

    private static String status(JdbcClient jdbc, MailFixtures m) {
        return jdbc.sql("select status from inbound_message where external_id like ?").param(m.messageId() + "%")
                .query(String.class).single();
    }

    private static boolean settled(JdbcClient jdbc, MailFixtures m) {
        return jdbc.sql("select count(*) from inbound_message where external_id like ? and status <> 'RECEIVED'")
                .param(m.messageId() + "%").query(Long.class).single() > 0;
    }

    private static Map<String, Long> recorded(JdbcClient jdbc, String mailbox) {
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        jdbc.sql("select outcome, count(*) from mailbox_uid where mailbox = ? group by outcome").param(mailbox)
                .query((rs, n) -> outcomes.put(rs.getString(1), rs.getLong(2))).list();
        return outcomes;
    }
}
