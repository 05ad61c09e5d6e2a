package io.contacthub.extract.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.deferred.ItemLocks;
import io.contacthub.testsupport.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Recordings kept untranscribed until a model exists. The test hub has no model, so the real
 * bean must leave them alone; a stand-in {@link SpeechToText} then shows what a run with a model
 * writes (it only "hears" this test's own recordings and leaves everyone else's waiting).
 */
class PendingTranscriptionsTest extends HubIntegrationTest {

    private static final String FAKE_AUDIO = "FAKE-AUDIO:";
    private static final String FAKE_CORRUPT = "FAKE-CORRUPT:";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    SpeechToText speech;
    @Autowired
    ItemLocks locks;
    @Autowired
    io.contacthub.intake.LateExtraction late;

    @Test
    void withoutAModelWaitingRecordingsStayUntouchedAndTheAdminEndpointReportsThemWaiting() throws Exception {
        assertThat(speech.available(null)).as("the test hub has no Vosk model").isFalse();
        long message = voiceMessage("Voice message from +8613800000000", "zh");
        long attachment = waitingRecording(message, TestAudio.wav(TestAudio.sine(300, 8000, 0.5, 0.2), 8000, 1));

        ResponseEntity<String> response = staffPost("/api/admin/transcriptions/run");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode result = readJson(response.getBody());
        assertThat(result.path("transcribed").asInt()).isZero();
        assertThat(result.path("failed").asInt()).isZero();
        assertThat(result.path("stillWaiting").asInt()).isGreaterThanOrEqualTo(1);
        Map<String, Object> row = attachmentRow(attachment);
        assertThat((String) row.get("extraction_error")).startsWith(SpeechToText.UNTRANSCRIBED_PREFIX);
        assertThat(row.get("extracted_text")).isNull();
        assertThat(body(message)).isEqualTo("Voice message from +8613800000000");
    }

    @Test
    void theRunEndpointIsForSupervisorsAndAdminsOnly() {
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, 'AGENT')")
                .param(agent).param(passwords.encode("agent-pw")).update();
        String supervisor = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, 'SUPERVISOR')")
                .param(supervisor).param(passwords.encode("sup-pw")).update();

        assertThat(http.exchange("/api/admin/transcriptions/run", HttpMethod.POST, HttpEntity.EMPTY, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth(agent, "agent-pw")
                .exchange("/api/admin/transcriptions/run", HttpMethod.POST, HttpEntity.EMPTY, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth(supervisor, "sup-pw")
                .exchange("/api/admin/transcriptions/run", HttpMethod.POST, HttpEntity.EMPTY, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void onceAModelIsAvailableTheTranscriptIsStoredOnTheFileAndAppendedToTheContactRecord() {
        long english = voiceMessage("Voice message from +14155550100", "en");
        long heard = waitingRecording(english, fake(FAKE_AUDIO + "where is my parcel"));
        long noRecord = voiceMessage(null, null);
        long heardWithoutLanguage = waitingRecording(noRecord, fake(FAKE_AUDIO + "快递到哪了"));
        long broken = waitingRecording(voiceMessage("Voice message", "en"), fake(FAKE_CORRUPT + "x"));
        long chineseCaller = voiceMessage("语音留言", "zh");
        long needsChinese = waitingRecording(chineseCaller, fake(FAKE_AUDIO + "你好"));

        PendingTranscriptions.Result result =
                new PendingTranscriptions(jdbc, transactionManager, new FakeSpeech(Set.of("en")), locks, late).run();

        assertThat(result.transcribed()).isGreaterThanOrEqualTo(2);
        assertThat(result.failed()).isGreaterThanOrEqualTo(1);
        assertThat(result.stillWaiting()).isGreaterThanOrEqualTo(1);

        Map<String, Object> done = attachmentRow(heard);
        assertThat(done.get("extracted_text")).isEqualTo("where is my parcel");
        assertThat(done.get("extracted_by")).isEqualTo("vosk:fake-model-en");
        assertThat(done.get("extraction_error")).isNull();
        assertThat(body(english)).isEqualTo("Voice message from +14155550100\n\nwhere is my parcel");

        // No contact record (so no language): the only loaded model, en, is used.
        assertThat(attachmentRow(heardWithoutLanguage).get("extracted_text")).isEqualTo("快递到哪了");
        assertThat(attachmentRow(heardWithoutLanguage).get("extraction_error")).isNull();

        assertThat((String) attachmentRow(broken).get("extraction_error"))
                .startsWith("transcription failed: ").contains("corrupt");

        // The caller spoke Chinese and only an English model is loaded: it keeps waiting.
        assertThat((String) attachmentRow(needsChinese).get("extraction_error")).startsWith(SpeechToText.UNTRANSCRIBED_PREFIX);
        assertThat(body(chineseCaller)).isEqualTo("语音留言");

        // A second run changes nothing already done.
        new PendingTranscriptions(jdbc, transactionManager, new FakeSpeech(Set.of("en")), locks, late).run();
        assertThat(body(english)).isEqualTo("Voice message from +14155550100\n\nwhere is my parcel");
    }

    @Test
    void twoRunsAtOnceTranscribeARecordingOnceAndAppendItOnce() throws Exception {
        long message = voiceMessage("Voice message from +14155550100", "en");
        String words = "parcel " + UUID.randomUUID().toString().substring(0, 8);
        byte[] audio = fake(FAKE_AUDIO + words);
        waitingRecording(message, audio);
        // Each run waits a moment for the other at this recording: where two nodes would both transcribe it.
        CyclicBarrier both = new CyclicBarrier(2);
        AtomicInteger heard = new AtomicInteger();
        SpeechToText meeting = new FakeSpeech(Set.of("en"));
        SpeechToText slow = new SpeechToText() {
            @Override
            public boolean available(String language) {
                return meeting.available(language);
            }

            @Override
            public Transcript transcribe(byte[] content, String contentType, String language) {
                if (Arrays.equals(content, audio)) {
                    heard.incrementAndGet();
                    try {
                        both.await(3, TimeUnit.SECONDS);
                    } catch (Exception alone) {
                        // the other run skipped it
                    }
                }
                return meeting.transcribe(content, contentType, language);
            }
        };
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<PendingTranscriptions.Result> run = () -> new PendingTranscriptions(jdbc, transactionManager, slow, locks, late).run();
            for (Future<PendingTranscriptions.Result> f : nodes.invokeAll(List.of(run, run), 60, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(heard.get()).as("transcribed by one run").isEqualTo(1);
        assertThat(body(message)).isEqualTo("Voice message from +14155550100\n\n" + words);
    }

    /** Transcribes only this test's fake recordings; anyone else's stay waiting (a non-audio failure). */
    private static class FakeSpeech implements SpeechToText {
        private final Set<String> languages;

        FakeSpeech(Set<String> languages) {
            this.languages = languages;
        }

        @Override
        public boolean available(String language) {
            return language == null ? !languages.isEmpty() : languages.contains(language);
        }

        @Override
        public Transcript transcribe(byte[] audio, String contentType, String language) {
            String s = new String(audio, StandardCharsets.UTF_8);
            if (s.startsWith(FAKE_CORRUPT)) {
                throw new UnreadableAudioException("corrupt audio: test");
            }
            if (!s.startsWith(FAKE_AUDIO)) {
                throw new IllegalStateException("not this test's recording");
            }
            String text = s.substring(FAKE_AUDIO.length());
            return new Transcript(text, 0.9, List.of(), "fake-model-" + language, 1.0);
        }
    }

    private static byte[] fake(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aVoicemailTranscribedLateIsUnderstoodAgainAndAComplaintOpensItsCase() {
        long message = voiceMessage("Voice message from +14155550100", "en");
        long ticket = jdbc.sql("select nextval('ticket_id_seq')").query(Long.class).single();
        String ref = "CH-T" + ticket;
        jdbc.sql("insert into ticket (id, ref, subject, channel) values (?, ?, 'Voice message', 'VOICE')").params(ticket, ref).update();
        jdbc.sql("update contact_record set ticket_id = ?, intent = 'GENERAL' where message_id = ?").params(ticket, message).update();
        waitingRecording(message, fake(FAKE_AUDIO + "I want to make a complaint, my parcel arrived damaged and broken"));

        new PendingTranscriptions(jdbc, transactionManager, new FakeSpeech(Set.of("en")), locks, late).run();

        assertThat(jdbc.sql("select intent from contact_record where message_id = ?").param(message).query(String.class).single())
                .isEqualTo("COMPLAINT");
        assertThat(jdbc.sql("select intent from ticket where id = ?").param(ticket).query(String.class).single())
                .as("a ticket still GENERAL takes the intent heard").isEqualTo("COMPLAINT");
        assertThat(jdbc.sql("select count(*) from complaint_case where ticket_id = ?").param(ticket).query(Long.class).single())
                .as("the complaint said on the phone opened its case").isEqualTo(1L);
        assertThat(jdbc.sql("select language from contact_record where message_id = ?").param(message).query(String.class).single())
                .isEqualTo("en");
    }

    private long voiceMessage(String body, String language) {
        String sid = "RE" + UUID.randomUUID().toString().replace("-", "");
        long id = jdbc.sql("""
                        insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size, status)
                        values ('VOICE', ?, 'test', '+14155550100', 'application/json', ?, 2, 'PROCESSED') returning id""")
                .param(sid).param("{}".getBytes(StandardCharsets.UTF_8)).query(Long.class).single();
        if (body != null) {
            jdbc.sql("insert into contact_record (message_id, channel, body, language) values (?, 'VOICE', ?, ?)")
                    .param(id).param(body).param(language).update();
        }
        return id;
    }

    private long waitingRecording(long message, byte[] audio) {
        return jdbc.sql("""
                        insert into attachment (message_id, file_name, content_type, size, sha256, content, extraction_error)
                        values (?, 'recording.wav', 'audio/x-wav', ?, ?, ?, ?) returning id""")
                .param(message).param(audio.length).param("0".repeat(64)).param(audio)
                .param(SpeechToText.UNTRANSCRIBED_PREFIX + " no speech model configured (test)")
                .query(Long.class).single();
    }

    private Map<String, Object> attachmentRow(long id) {
        return jdbc.sql("select extracted_text, extracted_by, extraction_error from attachment where id = ?")
                .param(id).query().singleRow();
    }

    private String body(long message) {
        return jdbc.sql("select body from contact_record where message_id = ?").param(message).query(String.class).single();
    }
}
