package io.contacthub.bench;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The floor the hub is compared with (issue 17): what it costs, on this machine and database, only to parse a mail
 * with Angus Mail (headers and every text part) and store it with one durable INSERT, one thread, committing each
 * mail, then committing every 100. Printed in the same run as the hub's figures, so each run gives its own ratio.
 */
final class BareLimit {

    record Figures(double perMailCommit, double per100Commit) {
    }

    private BareLimit() {
    }

    static Figures measure(DataSource dataSource, List<byte[]> mails, Session session) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("create table if not exists bench_bare (id bigserial primary key, message_id text, sender text,"
                        + " subject text, body text, raw bytea, received_at timestamptz default now())");
                s.execute("truncate bench_bare");
            }
            parseAndInsert(c, mails, session, 1); // warm-up of the JIT and the table, not counted
            try (var s = c.createStatement()) {
                s.execute("truncate bench_bare");
            }
            double one = parseAndInsert(c, mails, session, 1);
            double hundred = parseAndInsert(c, mails, session, 100);
            try (var s = c.createStatement()) {
                s.execute("drop table bench_bare");
            }
            return new Figures(mails.size() / one, mails.size() / hundred);
        }
    }

    /** @return seconds for all mails */
    private static double parseAndInsert(Connection c, List<byte[]> mails, Session session, int perCommit) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement(
                "insert into bench_bare (message_id, sender, subject, body, raw) values (?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (byte[] raw : mails) {
                MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
                StringBuilder text = new StringBuilder();
                collectText(m, text);
                insert.setString(1, m.getMessageID());
                insert.setString(2, m.getFrom() == null || m.getFrom().length == 0 ? null : m.getFrom()[0].toString());
                insert.setString(3, m.getSubject());
                insert.setString(4, text.toString());
                insert.setBytes(5, raw);
                insert.executeUpdate();
                if (++pending == perCommit) {
                    c.commit();
                    pending = 0;
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void collectText(Part part, StringBuilder text) throws Exception {
        if (part.isMimeType("text/*")) {
            text.append(part.getContent()).append('\n');
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectText(child, text);
            }
        }
    }
}
