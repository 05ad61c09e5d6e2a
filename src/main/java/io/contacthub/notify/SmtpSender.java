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

/**
 * Sends one notification over SMTP with Jakarta Mail. {@code smtp://} requires STARTTLS: a server
 * that does not offer it (or a network that strips the offer) gets nothing, rather than the mail
 * and the password in clear text. {@code smtps://} is TLS from the first byte. Either way the
 * server's certificate must be valid for its host name. Plain SMTP is only used when the URL says
 * so ({@code smtp://host:25?starttls=false}), e.g. for a relay on the same host or a test server.
 */
class SmtpSender implements ChannelSender {

    private final String protocol;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Session session;
    private final InternetAddress from;
    private final String channel;
    private final boolean startTls;

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
        boolean startTlsAsked = startTls(uri.getRawQuery()); // parsed for smtps:// too, so a typo is never ignored
        this.startTls = protocol.equals("smtp") && startTlsAsked;
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
        if (startTls) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (!protocol.equals("smtp") || startTls) {
            props.put(p + "ssl.checkserveridentity", "true");
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
        return protocol + "://" + host + ":" + port
                + (protocol.equals("smtps") ? " (TLS)" : startTls ? " (STARTTLS required)" : " (plain, no TLS: starttls=false)");
    }

    /** {@code starttls=true|false} is the only query parameter; anything else is a typo that must not pass silently. */
    private boolean startTls(String query) {
        boolean required = true;
        if (query == null || query.isBlank()) {
            return required;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("starttls") || !(value.equals("true") || value.equals("false"))) {
                throw new IllegalArgumentException("hub.notify.smtp-url: unknown parameter '" + pair
                        + "' (the only one is starttls=true|false, for smtp:// URLs)");
            }
            required = value.equals("true");
        }
        return required;
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
