package io.contacthub.extract.speech;

import io.contacthub.deferred.CatchUp;
import io.contacthub.deferred.ItemLocks;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Voice recordings that arrived while no speech model could transcribe them: audio attachments
 * whose extraction error starts with {@link SpeechToText#UNTRANSCRIBED_PREFIX}. Once a model for
 * their language is configured, each is transcribed and, in one transaction per attachment, its
 * text stored on the attachment ({@code extracted_by = 'vosk:<model>'}, error cleared) and
 * appended to the body of its message's contact record. Runs in the background at start-up when
 * a model is loaded, and on demand ({@code POST /api/admin/transcriptions/run}).
 *
 * <p>Language: the contact record's language when it has one ("en"/"zh"; that model must be
 * loaded, otherwise the recording keeps waiting), else "zh" then "en", whichever is loaded.
 * Audio that cannot be decoded is marked {@code transcription failed: ...} so it is not retried
 * forever; any other error leaves the row waiting for the next run.
 *
 * <p>Runs may overlap (the start-up run and an on-demand one, or several hub nodes): each recording
 * is locked for the run transcribing it ({@link ItemLocks}, across nodes) and the others skip it;
 * the transcript is stored only while the recording is still waiting, so it is appended once.
 */
@Component
public class PendingTranscriptions {

    private static final Logger log = LoggerFactory.getLogger(PendingTranscriptions.class);
    static final String WAITING = "a.content_type like 'audio/%' and a.extraction_error like '"
            + SpeechToText.UNTRANSCRIBED_PREFIX + "%'";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SpeechToText speech;
    private final ItemLocks locks;

    private final io.contacthub.intake.LateExtraction late;

    public PendingTranscriptions(JdbcClient jdbc, PlatformTransactionManager transactionManager, SpeechToText speech,
                                 ItemLocks locks, io.contacthub.intake.LateExtraction late) {
        this.late = late;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.speech = speech;
        this.locks = locks;
    }

    /**
     * What one run did; {@code stillWaiting} counts what is still marked untranscribed after it,
     * {@code transcribedByAnotherRun} what another run (on this node or another) was working on.
     */
    public record Result(int transcribed, int stillWaiting, int failed, int transcribedByAnotherRun) {
    }

    private record Pending(long id, long messageId, String contentType, String language) {
    }

    /** The start-up catch-up runs on the nodes that do this work (all of them on one node, HUB_ROLES). */
    @EventListener(value = ApplicationReadyEvent.class, condition = "@nodeRoles.runs(T(io.contacthub.cluster.Role).SPEECH)")
    void atStartup() {
        if (!speech.available(null)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Result r = run();
                if (r.transcribed() + r.failed() + r.stillWaiting() > 0) {
                    log.info("Speech-to-text: recordings that waited for a model: {} transcribed, {} failed, {} still waiting",
                            r.transcribed(), r.failed(), r.stillWaiting());
                }
            } catch (RuntimeException e) {
                log.warn("Speech-to-text: transcribing waiting recordings failed: {}", e.toString());
            }
        }, "pending-transcriptions");
        t.setDaemon(true);
        t.start();
    }

    /** Transcribes every waiting recording a loaded model can handle and no other run is working on. */
    public Result run() {
        int transcribed = 0;
        int failed = 0;
        int elsewhere = 0;
        List<Pending> pending = !speech.available(null) ? List.of() : jdbc.sql("""
                        select a.id, a.message_id, a.content_type, cr.language
                        from attachment a left join contact_record cr on cr.message_id = a.message_id
                        where\s""" + WAITING + " order by a.id")
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
        if (!pending.isEmpty()) {
            try (ItemLocks.Session session = locks.open(CatchUp.TRANSCRIPTION)) {
                for (Pending p : pending) {
                    String language = languageFor(p.language());
                    if (language == null) {
                        continue;
                    }
                    if (!session.tryLock(p.id())) {
                        elsewhere++;
                        continue;
                    }
                    try {
                        switch (transcribe(p, language)) {
                            case DONE -> transcribed++;
                            case FAILED -> failed++;
                            case SKIPPED -> { }
                        }
                    } finally {
                        session.unlock(p.id());
                    }
                }
            }
        }
        int waiting = jdbc.sql("select count(*) from attachment a where " + WAITING).query(Integer.class).single();
        return new Result(transcribed, waiting, failed, elsewhere);
    }

    private String languageFor(String recordLanguage) {
        if (recordLanguage != null && (recordLanguage.startsWith("en") || recordLanguage.startsWith("zh"))) {
            String l = recordLanguage.substring(0, 2);
            return speech.available(l) ? l : null;
        }
        for (String l : List.of("zh", "en")) {
            if (speech.available(l)) {
                return l;
            }
        }
        return null;
    }

    private enum Outcome { DONE, FAILED, SKIPPED }

    private Outcome transcribe(Pending p, String language) {
        if (jdbc.sql("select count(*) from attachment a where a.id = ? and " + WAITING).param(p.id()).query(Long.class).single() == 0) {
            return Outcome.SKIPPED; // finished by a run that held it between our list and our lock
        }
        byte[] audio = jdbc.sql("select content from attachment where id = ?").param(p.id()).query(byte[].class).single();
        SpeechToText.Transcript transcript;
        try {
            transcript = speech.transcribe(audio, p.contentType(), language);
        } catch (SpeechToText.UnreadableAudioException e) {
            int marked = jdbc.sql("update attachment a set extraction_error = ? where a.id = ? and " + WAITING)
                    .param("transcription failed: " + e.getMessage()).param(p.id()).update();
            log.warn("Speech-to-text: attachment {} cannot be transcribed: {}", p.id(), e.getMessage());
            return marked == 1 ? Outcome.FAILED : Outcome.SKIPPED;
        } catch (RuntimeException e) {
            log.warn("Speech-to-text: attachment {} left waiting: {}", p.id(), e.toString());
            return Outcome.FAILED;
        }
        String text = transcript.text() == null ? "" : transcript.text().strip();
        Boolean stored = transactions.execute(status -> {
            // Only if still waiting: a concurrent run or the voice channel may have got there first.
            int updated = jdbc.sql("update attachment a set extracted_text = ?, extracted_by = ?, extraction_error = null "
                            + "where a.id = ? and " + WAITING)
                    .param(text).param("vosk:" + transcript.model()).param(p.id()).update();
            if (updated == 1 && !text.isEmpty()) {
                jdbc.sql("""
                                update contact_record set body = case when body is null or body = '' then ?
                                                                      else body || E'\\n\\n' || ? end
                                where message_id = ?""")
                        .param(text).param(text).param(p.messageId()).update();
                // Understood again now that its words are known: an order or a complaint said on the phone is routed.
                late.textAdded(p.messageId(), java.util.Map.of(), java.util.Map.of());
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(stored) ? Outcome.DONE : Outcome.SKIPPED;
    }
}
