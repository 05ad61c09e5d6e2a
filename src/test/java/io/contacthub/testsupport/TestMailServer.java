package io.contacthub.testsupport;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

/**
 * One real GreenMail server (SMTP, POP3, IMAP on free ports, so two test runs on one machine do not
 * collide) for the whole test run, with the hub's test mailboxes: {@code support} read over IMAP, {@code orders} read over POP3.
 */
public final class TestMailServer {

    public static final String PASSWORD = "mail-secret";
    public static final String IMAP_USER = "support";
    public static final String POP3_USER = "orders";

    private static GreenMail server;

    private TestMailServer() {
    }

    public static synchronized GreenMail shared() {
        if (server == null) {
            server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));
            server.start();
            NoDelaySockets.apply(server);
            server.setUser(IMAP_USER + "@localhost", IMAP_USER, PASSWORD);
            server.setUser(POP3_USER + "@localhost", POP3_USER, PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String imapUrl() {
        return "imap://" + IMAP_USER + ":" + PASSWORD + "@localhost:" + shared().getImap().getPort() + "/INBOX";
    }

    /** GreenMail speaks plain SMTP only, so the URL opts out of the STARTTLS the hub otherwise requires. */
    public static String smtpUrl() {
        return plainSmtpUrl() + "?starttls=false";
    }

    /** The same server without the opt-out: what a hub configured with a plain smtp:// URL would try. */
    public static String plainSmtpUrl() {
        return "smtp://localhost:" + shared().getSmtp().getPort();
    }

    public static String pop3Url() {
        return "pop3://" + POP3_USER + ":" + PASSWORD + "@localhost:" + shared().getPop3().getPort() + "/INBOX";
    }

    /** Puts the raw mail into the user's inbox, as an MTA would. */
    public static void deliver(String login, byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            user(login).deliver(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mail the hub sent to this address (its To), as the recipient's inbox would show it. */
    public static List<jakarta.mail.internet.MimeMessage> mailTo(String address) {
        return java.util.Arrays.stream(shared().getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getRecipients(jakarta.mail.Message.RecipientType.TO))
                        .anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    public static List<StoredMessage> inbox(String login) {
        try {
            MailFolder inbox = shared().getManagers().getImapHostManager().getInbox(user(login));
            return inbox.getMessages();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes and expunges the messages of the user's inbox that {@code gone} picks, as a mail client or a
     * retention policy would while the hub keeps reading the mailbox. GreenMail looks messages up by a walk over
     * the whole mailbox, so a long run keeps it small this way; returns how many were removed.
     */
    public static int expunge(String login, java.util.function.Predicate<MimeMessage> gone) {
        try {
            MailFolder inbox = shared().getManagers().getImapHostManager().getInbox(user(login));
            int removed = 0;
            for (StoredMessage message : inbox.getMessages()) {
                if (gone.test(message.getMimeMessage())) {
                    inbox.setFlags(new Flags(Flags.Flag.DELETED), true, message.getUid(), null, false);
                    removed++;
                }
            }
            if (removed > 0) {
                inbox.expunge();
            }
            return removed;
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isSeen(StoredMessage message) {
        return message.getFlags().contains(Flags.Flag.SEEN);
    }

    private static GreenMailUser user(String login) {
        return shared().getUserManager().getUser(login);
    }
}
