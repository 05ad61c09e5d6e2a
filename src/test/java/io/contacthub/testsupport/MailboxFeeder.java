package io.contacthub.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts mail into one GreenMail inbox a batch at a time, as mail arrives through a day, and expunges each batch
 * once the hub has committed all of it: GreenMail walks the whole mailbox for every message it serves, so a
 * mailbox of thousands would make the mail server, not the hub, the thing measured. What the hub has not yet
 * committed stays in the mailbox, so a node that dies mid-batch leaves its successor the same mail to read.
 */
public final class MailboxFeeder implements Runnable {

    private final String login;
    private final JdbcClient db;
    private final List<byte[]> mails;
    private final int batch;
    private final Duration patience;
    private volatile int delivered;
    private volatile Throwable failure;

    public MailboxFeeder(String login, JdbcClient db, List<byte[]> mails, int batch, Duration patience) {
        this.login = login;
        this.db = db;
        this.mails = mails;
        this.batch = batch;
        this.patience = patience;
    }

    public Thread start() {
        Thread thread = new Thread(this, "mailbox-feeder");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public int delivered() {
        return delivered;
    }

    /** Why feeding stopped early, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            // Mail the hub committed before this feeder started (an earlier batch run) is not this feeder's.
            long before = committed();
            for (int from = 0; from < mails.size(); from += batch) {
                int to = Math.min(mails.size(), from + batch);
                for (int i = from; i < to; i++) {
                    TestMailServer.deliver(login, mails.get(i));
                }
                delivered = to;
                long deadline = System.nanoTime() + patience.toNanos();
                while (committed() - before < to) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the hub committed " + (committed() - before) + " of " + to + " mails within " + patience);
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                TestMailServer.expunge(login, message -> true);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private long committed() {
        return db.sql("select count(*) from inbound_message where channel = 'EMAIL'").query(Long.class).single();
    }
}
