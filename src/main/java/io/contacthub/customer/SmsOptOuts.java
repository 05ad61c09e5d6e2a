package io.contacthub.customer;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who has told us by SMS to stop texting them ({@code STOP}, {@code 退订}...) and who has opted back
 * in ({@code START}). Lives with the customer's contact details rather than in the SMS channel so
 * that anything that sends texts (the notify module, staff replies) can ask {@link #isOptedOut}
 * without depending on a channel package. The SMS channel records the keywords.
 */
@Component
public class SmsOptOuts {

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;

    public SmsOptOuts(JdbcClient jdbc, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.phones = phones;
    }

    /** @return true when the number's latest keyword was an opt-out; numbers never seen are not opted out */
    public boolean isOptedOut(String phone) {
        String key = key(phone);
        if (key == null) {
            return false;
        }
        return jdbc.sql("select opted_out from sms_opt_out where phone = ?").param(key)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Records a keyword. Idempotent, and order-safe: a keyword received earlier than the one
     * already stored changes nothing, so a replay or an out-of-order worker cannot undo a newer one.
     *
     * @param receivedAt when the hub received the keyword message
     * @param messageId  the inbound message that carried it
     * @return the phone number as stored (E.164 where possible), or null when there is none
     */
    public String record(String phone, boolean optedOut, String keyword, OffsetDateTime receivedAt, long messageId) {
        String key = key(phone);
        if (key == null) {
            return null;
        }
        jdbc.sql("""
                        insert into sms_opt_out (phone, opted_out, keyword, updated_at, message_id)
                        values (:phone, :optedOut, :keyword, :at, :message)
                        on conflict (phone) do update set opted_out = excluded.opted_out, keyword = excluded.keyword,
                            updated_at = excluded.updated_at, message_id = excluded.message_id
                        where (sms_opt_out.updated_at, sms_opt_out.message_id) < (excluded.updated_at, excluded.message_id)""")
                .param("phone", key)
                .param("optedOut", optedOut)
                .param("keyword", keyword)
                .param("at", receivedAt == null ? OffsetDateTime.now() : receivedAt)
                .param("message", messageId)
                .update();
        return key;
    }

    private String key(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return phones.normalize(phone).orElse(phone.trim());
    }
}
