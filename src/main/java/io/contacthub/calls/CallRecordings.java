package io.contacthub.calls;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A call's recording (or the voicemail left after the queue), as its callback names it. */
@Component
public class CallRecordings {

    private final JdbcClient jdbc;

    CallRecordings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Notes the recording on its call when the reporting CallSid is one of that call's legs (the first recording is
     * kept on a repeat).
     *
     * @return the call's customer number, or null when the call is unknown or the CallSid is none of its legs
     */
    @Transactional
    public String recorded(long callId, String callSid, String recordingSid) {
        Optional<String> number = jdbc.sql("""
                        update voice_call set recording_sid = coalesce(recording_sid, :rec), updated_at = now()
                        where id = :id and (call_sid = :sid or agent_call_sid = :sid) returning customer_number""")
                .param("rec", recordingSid).param("id", callId).param("sid", callSid == null ? "" : callSid.trim())
                .query(String.class).optional();
        return number.orElse(null);
    }
}
