package io.contacthub.channel.email;

import io.contacthub.channel.email.MailSettings.FirstPoll;
import io.contacthub.channel.email.MailboxUids.Cursor;
import io.contacthub.channel.email.MailboxUids.Outcome;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per poll of one mailbox, which mail camel-mail hands to the route: mail the hub has not
 * dealt with yet, by the server's ids (IMAP UID within UIDVALIDITY, POP3 UIDL), whether or not a
 * person has opened it. Plugged into the camel-mail consumer as its {@code mailUidGenerator} (the
 * key of each mail) and {@code idempotentRepository} (which keys to take, and the record once
 * taken), and told by {@link MailboxPollStrategy} when a poll begins.
 *
 * <p>A poll costs a fixed number of round trips, however much old mail the folder keeps: IMAP
 * {@code UID FETCH <checked+1>:* (UID)} for the UIDs above the cursor, then {@code RFC822.SIZE} and
 * {@code FLAGS} of at most {@code hub.mail.fetch-size} of them; POP3 one {@code UIDL} and one
 * {@code LIST}. Every other mail is keyed {@code known:<n>} and refused without asking the server.
 *
 * <p>A mail is recorded in {@code mailbox_uid} when camel-mail confirms it, i.e. after the raw
 * message was committed and the server acknowledged it (flag, move or delete). Failing before
 * that, the mail stays unrecorded and is read again at the next poll; should it have been
 * committed already, its Message-ID key makes that a no-op.
 */
final class MailboxCursor extends ServiceSupport implements MailUidGenerator, IdempotentRepository {

    private static final Logger log = LoggerFactory.getLogger(MailboxCursor.class);
    static final String KNOWN = "known:";

    private final String mailbox;
    private final FirstPoll firstPoll;
    private final int batch;
    private final MailboxUids store;
    private volatile Poll poll;
    private final Map<String, Committed> committed = new ConcurrentHashMap<>();
    private volatile boolean warnedNoUidl;

    MailboxCursor(String mailbox, FirstPoll firstPoll, int batch, MailboxUids store) {
        this.mailbox = mailbox;
        this.firstPoll = firstPoll;
        this.batch = Math.max(1, batch);
        this.store = store;
    }

    String mailbox() {
        return mailbox;
    }

    /** A poll begins: what the last one learnt of the folder is stale. */
    void beginPoll() {
        poll = null;
        committed.clear();
    }

    /** The server's size of the mail under this key, or -1. */
    long sizeOf(String key) {
        Poll p = poll;
        Candidate c = p == null || key == null ? null : p.byKey.get(key);
        return c == null ? -1 : c.size();
    }

    /** The route committed the mail under this key as inbound message {@code messageId}. */
    void committed(String key, long messageId, boolean oversize) {
        if (key != null) {
            committed.put(key, new Committed(oversize ? Outcome.OVERSIZE : Outcome.INGESTED, messageId));
        }
    }

    // --- MailUidGenerator: the key of each mail in the folder ---

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        Poll p = poll;
        if (p == null || p.folder != message.getFolder()) {
            try {
                p = prepare(message.getFolder());
            } catch (MessagingException e) {
                throw new RuntimeCamelException("mailbox " + mailbox + ": cannot list the mail to read: " + e.getMessage(), e);
            }
            poll = p;
        }
        Candidate c = p.byMessage.get(message);
        return c != null ? c.key() : KNOWN + message.getMessageNumber();
    }

    // --- IdempotentRepository: which keys to take, and the record once taken ---

    @Override
    public boolean add(String key) {
        Poll p = poll;
        return p != null && key != null && p.byKey.containsKey(key);
    }

    @Override
    public boolean contains(String key) {
        return !add(key);
    }

    @Override
    public boolean remove(String key) {
        if (key != null) {
            committed.remove(key);
        }
        return true;
    }

    @Override
    public boolean confirm(String key) {
        Poll p = poll;
        Candidate c = p == null || key == null ? null : p.byKey.get(key);
        Committed done = key == null ? null : committed.remove(key);
        if (c != null && c.uid() != null) {
            store.record(mailbox, p.folderName, p.uidValidity, c.uid(), done == null ? Outcome.INGESTED : done.outcome(),
                    done == null ? null : done.messageId(), c.size());
        }
        return true;
    }

    @Override
    public void clear() {
        beginPoll();
    }

    // --- one poll ---

    private Poll prepare(Folder folder) throws MessagingException {
        if (folder instanceof IMAPFolder imap) {
            return prepareImap(imap);
        }
        if (folder instanceof POP3Folder pop3) {
            return preparePop3(pop3);
        }
        throw new MessagingException("mailbox " + mailbox + ": unsupported folder type " + folder.getClass().getName());
    }

    private Poll prepareImap(IMAPFolder folder) throws MessagingException {
        long validity = folder.getUIDValidity();
        String folderName = folder.getFullName();
        Optional<Cursor> saved = store.load(mailbox, folderName);
        boolean firstContact = saved.isEmpty() || saved.get().uidValidity() != validity;
        if (firstContact && saved.isPresent()) {
            log.warn("mailbox {}: the server renumbered folder {} (UIDVALIDITY {} -> {}); every mail in it is read again, "
                     + "mail already received is recognised by its Message-ID", mailbox, folderName, saved.get().uidValidity(), validity);
        }
        long through = firstContact ? 0 : saved.get().checkedThrough();
        Long baseline = firstContact ? null : saved.get().baselineThrough();

        List<Entry> above = new ArrayList<>();
        for (Message m : folder.getMessagesByUID(through + 1, UIDFolder.LASTUID)) {
            // "n:*" names the newest mail even when its UID is below n
            long uid = m == null || m.isExpunged() ? -1 : folder.getUID(m);
            if (uid > through) {
                above.add(new Entry(m, Long.toString(uid), uid));
            }
        }
        long newest = above.isEmpty() ? through : above.get(above.size() - 1).number();
        if (firstContact && firstPoll == FirstPoll.SKIP_READ) {
            baseline = newest;
        }
        List<Entry> open = unrecorded(above, folderName, validity);
        List<Entry> window = open.subList(0, Math.min(batch, open.size()));
        if (!window.isEmpty()) {
            FetchProfile sizesAndFlags = new FetchProfile();
            sizesAndFlags.add(FetchProfile.Item.SIZE);
            sizesAndFlags.add(FetchProfile.Item.FLAGS);
            folder.fetch(window.stream().map(Entry::message).toArray(Message[]::new), sizesAndFlags);
        }

        Poll p = new Poll(folder, folderName, validity);
        long lowestOpen = open.size() > window.size() ? open.get(window.size()).number() : Long.MAX_VALUE;
        int skipped = 0;
        for (Entry e : window) {
            Flags flags = e.message().getFlags();
            long size = e.message().getSize();
            if (baseline != null && e.number() <= baseline && flags.contains(Flags.Flag.SEEN)) {
                store.record(mailbox, folderName, validity, e.uid(), Outcome.SKIPPED, null, size);
                skipped++;
                continue;
            }
            lowestOpen = Math.min(lowestOpen, e.number());
            if (flags.contains(Flags.Flag.DELETED)) {
                continue; // marked for deletion by someone else: not read, but it holds the cursor until expunged
            }
            p.add(e.message(), new Candidate("uid:" + validity + ":" + e.uid(), e.uid(), size));
        }
        if (skipped > 0) {
            log.info("mailbox {}: {} mail(s) already read before the hub first met folder {} noted, not ingested (on-first-poll: skip-read)",
                    mailbox, skipped, folderName);
        }
        long checked = lowestOpen == Long.MAX_VALUE ? newest : lowestOpen - 1;
        Long keptBaseline = baseline != null && checked < baseline ? baseline : null;
        if (firstContact || checked != through || !Objects.equals(keptBaseline, saved.get().baselineThrough())) {
            store.save(mailbox, folderName, new Cursor(validity, checked, keptBaseline));
        }
        log.debug("mailbox {}: {} mail(s) above UID {}, {} new, {} to read now", mailbox, above.size(), through, open.size(), p.byKey.size());
        return p;
    }

    private Poll preparePop3(POP3Folder folder) throws MessagingException {
        String folderName = folder.getFullName();
        Message[] all = folder.getMessages();
        FetchProfile uidl = new FetchProfile();
        uidl.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(all, uidl);
        List<Entry> listed = new ArrayList<>(all.length);
        List<Entry> untracked = new ArrayList<>();
        for (Message m : all) {
            String uid = folder.getUID(m);
            (uid == null ? untracked : listed).add(new Entry(m, uid, m.getMessageNumber()));
        }
        if (!untracked.isEmpty() && !warnedNoUidl) {
            warnedNoUidl = true;
            log.warn("mailbox {}: the POP3 server gives no UIDL; mail is recognised by its Message-ID only (keep delete-after-commit on)", mailbox);
        }
        List<Entry> open = new ArrayList<>(unrecorded(listed, folderName, 0));
        open.addAll(untracked);
        open.sort(java.util.Comparator.comparingLong(Entry::number));
        List<Entry> window = open.subList(0, Math.min(batch, open.size()));
        int[] sizes = window.isEmpty() ? new int[0] : folder.getSizes();
        Poll p = new Poll(folder, folderName, 0);
        for (Entry e : window) {
            int n = e.message().getMessageNumber();
            long size = n >= 1 && n <= sizes.length ? sizes[n - 1] : -1;
            p.add(e.message(), e.uid() == null
                    ? new Candidate("msn:" + n, null, size)
                    : new Candidate("uidl:" + e.uid(), e.uid(), size));
        }
        log.debug("mailbox {}: {} mail(s) on the server, {} new, {} to read now", mailbox, all.length, open.size(), p.byKey.size());
        return p;
    }

    private List<Entry> unrecorded(List<Entry> entries, String folderName, long validity) {
        Set<String> recorded = store.recorded(mailbox, folderName, validity, entries.stream().map(Entry::uid).toList());
        return recorded.isEmpty() ? entries : entries.stream().filter(e -> !recorded.contains(e.uid())).toList();
    }

    @Override
    protected void doStart() {
    }

    @Override
    protected void doStop() {
        beginPoll();
    }

    private record Entry(Message message, String uid, long number) {
    }

    /** A mail offered to the route this poll; {@code uid} null when it cannot be recorded (POP3 without UIDL). */
    private record Candidate(String key, String uid, long size) {
    }

    private record Committed(Outcome outcome, long messageId) {
    }

    private static final class Poll {
        final Folder folder;
        final String folderName;
        final long uidValidity;
        final Map<Message, Candidate> byMessage = new IdentityHashMap<>();
        final Map<String, Candidate> byKey = new HashMap<>();

        Poll(Folder folder, String folderName, long uidValidity) {
            this.folder = folder;
            this.folderName = folderName;
            this.uidValidity = uidValidity;
        }

        void add(Message message, Candidate candidate) {
            byMessage.put(message, candidate);
            byKey.put(candidate.key(), candidate);
        }
    }
}
