package io.contacthub.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Sends one notification over SMTP (smtp:// with STARTTLS when offered, or smtps://) with Jakarta Mail. */
class SmtpSender implements ChannelSender {

    private final String protocol;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Session session;
    private final InternetAddress from;
    private final String channel;

    SmtpSender(String smtpUrl, String fromAddress, String fromName) {
        this(smtpUrl, fromAddress, fromName, Outbox.EMAIL);
    }

    /** An SMTP sender for the rows of another outbox channel than EMAIL (tests use their own). */
    SmtpSender(String smtpUrl, String fromAddress, String fromName, String channel) {
        this.channel = channel;
        URI uri = URI.create(smtpUrl.trim());
        this.protocol = uri.getScheme() == null ? "smtp" : uri.getScheme().toLowerCase();
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalArgumentException("hub.notify.smtp-url must start with smtp:// or smtps://, not " + protocol);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : protocol.equals("smtps") ? 465 : 25;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            this.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            this.password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        } else {
            this.user = null;
            this.password = null;
        }
        Properties props = new Properties();
        String p = "mail." + protocol + ".";
        props.put(p + "host", host);
        props.put(p + "port", String.valueOf(port));
        props.put(p + "auth", String.valueOf(user != null));
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "30000");
        props.put(p + "writetimeout", "30000");
        if (protocol.equals("smtp")) {
            props.put("mail.smtp.starttls.enable", "true");
        }
        this.session = Session.getInstance(props);
        try {
            this.from = new InternetAddress(fromAddress, fromName, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public String notConfiguredReason() {
        return null;
    }

    @Override
    public String describe() {
        return protocol + "://" + host + ":" + port;
    }

    @Override
    public String send(PendingNotification mail) throws SendFailure {
        try {
            deliver(mail);
        } catch (MessagingException e) {
            // Jakarta Mail does not tell a 5xx refusal from a dropped connection reliably: retry with back-off.
            throw new SendFailure(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        }
        return mail.rfcMessageId();
    }

    private void deliver(PendingNotification mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.rfcMessageId()); // ours, recorded for threading replies
            }
        };
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient(), false));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setText(mail.body(), "UTF-8");
        if (mail.inReplyTo() != null && !mail.inReplyTo().isBlank()) {
            message.setHeader("In-Reply-To", mail.inReplyTo());
            message.setHeader("References", mail.inReplyTo());
        }
        if ("ack".equals(mail.template())) {
            message.setHeader("Auto-Submitted", "auto-replied"); // RFC 3834: other robots must not answer
        }
        message.setHeader("X-Contact-Hub-Notification", String.valueOf(mail.id()));
        message.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(host, port, user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

}
