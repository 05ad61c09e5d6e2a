package io.contacthub.testsupport;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** Reads the one-time codes the hub mailed, as the customer would from their inbox (GreenMail). */
public final class VerificationMail {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private VerificationMail() {
    }

    /** The newest code mailed to {@code address}, waiting for it to arrive. */
    public static String awaitCode(String address, int codesAlreadyReceived) {
        List<MimeMessage> mails = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> codeMailsTo(address), m -> m.size() > codesAlreadyReceived);
        try {
            Matcher m = CODE.matcher(String.valueOf(mails.get(mails.size() - 1).getContent()));
            if (!m.find()) {
                throw new AssertionError("no six-digit code in the mail to " + address);
            }
            return m.group(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static List<MimeMessage> codeMailsTo(String address) {
        return Arrays.stream(TestMailServer.shared().getReceivedMessages()).filter(m -> {
            try {
                String subject = m.getSubject();
                return subject != null && (subject.contains("verification code") || subject.contains("验证码"))
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
