package io.contacthub.channel.email;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables of V10__mailbox_uids.sql: per mailbox folder, the UIDs (IMAP, with UIDVALIDITY) or
 * UIDLs (POP3) of the mail the hub has dealt with, and the point up to which every UID is dealt
 * with. Holds the {@link MailboxCursor} of every mailbox route.
 */
@Component
class MailboxUids {

    /** What happened to a mail, as recorded in {@code mailbox_uid.outcome}. */
    enum Outcome {
        /** committed as an inbound message (whatever its processing made of it) */
        INGESTED,
        /** over the size limit: recorded FAILED from its headers, body never downloaded */
        OVERSIZE,
        /** already read when the hub first met the folder, and on-first-poll is skip-read */
        SKIPPED
    }

    record Cursor(long uidValidity, long checkedThrough, Long baselineThrough) {
    }

    private final JdbcClient jdbc;
    private final Map<String, MailboxCursor> cursors = new ConcurrentHashMap<>();

    MailboxUids(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MailboxCursor register(MailboxCursor cursor) {
        cursors.put(cursor.mailbox(), cursor);
        return cursor;
    }

    Optional<MailboxCursor> cursor(String mailbox) {
        return Optional.ofNullable(cursors.get(mailbox));
    }

    Optional<Cursor> load(String mailbox, String folder) {
        return jdbc.sql("select uid_validity, checked_through, baseline_through from mailbox_cursor where mailbox = ? and folder = ?")
                .params(mailbox, folder)
                .query((rs, n) -> new Cursor(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3)))
                .optional();
    }

    void save(String mailbox, String folder, Cursor cursor) {
        jdbc.sql("""
                        insert into mailbox_cursor (mailbox, folder, uid_validity, checked_through, baseline_through)
                        values (?, ?, ?, ?, ?)
                        on conflict (mailbox, folder) do update set uid_validity = excluded.uid_validity,
                            checked_through = excluded.checked_through, baseline_through = excluded.baseline_through,
                            updated_at = now()""")
                .params(mailbox, folder, cursor.uidValidity(), cursor.checkedThrough(), cursor.baselineThrough())
                .update();
    }

    /** Those of {@code uids} already recorded for this folder and UIDVALIDITY. */
    Set<String> recorded(String mailbox, String folder, long uidValidity, Collection<String> uids) {
        if (uids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select uid from mailbox_uid
                        where mailbox = ? and folder = ? and uid_validity = ? and uid = any(?)""")
                .params(mailbox, folder, uidValidity, uids.toArray(String[]::new))
                .query(String.class).list());
    }

    void record(String mailbox, String folder, long uidValidity, String uid, Outcome outcome, Long messageId, long size) {
        jdbc.sql("""
                        insert into mailbox_uid (mailbox, folder, uid_validity, uid, outcome, message_id, size_bytes)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(mailbox, folder, uidValidity, uid, outcome.name(), messageId, size < 0 ? null : size)
                .update();
    }
}
