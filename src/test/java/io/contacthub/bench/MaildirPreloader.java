package io.contacthub.bench;

import io.contacthub.testsupport.MailFixtures;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the e-mail benchmark's mail mix straight into a Maildir, so a real IMAP server
 * (scripts/bench-email-dovecot.sh, Dovecot) serves exactly the mails GreenMail would have.
 * Usage: {@code MaildirPreloader <maildir> <count>}; creates cur/, new/ and tmp/ as needed.
 */
public final class MaildirPreloader {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MaildirPreloader <maildir> <count>");
            System.exit(2);
        }
        Path maildir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Path tmp = Files.createDirectories(maildir.resolve("tmp"));
        Path fresh = Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));

        byte[] pdf = MailFixtures.pdf("Delivery note", "Waybill SF1234567890123", "Pieces: 2");
        // Maildir names are <time>.<unique>.<host>; pid + sequence number keeps them unique across reruns.
        long now = System.currentTimeMillis() / 1000;
        long pid = ProcessHandle.current().pid();
        String host = InetAddress.getLocalHost().getHostName().replace("/", "\\057").replace(":", "\\072");
        for (int i = 0; i < count; i++) {
            String name = "%d.P%dQ%d.%s".formatted(now, pid, i, host);
            Path file = tmp.resolve(name);
            // Maildir files are Unix text: Dovecot adds the CRs back when it serves them over IMAP.
            Files.write(file, toUnixLineEnds(EmailIntakeBenchmark.mixedMail(i, "imap", pdf)));
            // Written to tmp/ then renamed into new/, as the Maildir delivery protocol requires.
            Files.move(file, fresh.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf("preloaded %,d mails into %s%n", count, fresh);
    }

    private static byte[] toUnixLineEnds(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (!(raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n')) {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    private MaildirPreloader() {
    }
}
