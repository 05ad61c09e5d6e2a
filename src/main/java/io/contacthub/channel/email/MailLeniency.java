package io.contacthub.channel.email;

/**
 * Jakarta Mail reads some of its leniency switches only from JVM system properties, once, when
 * its classes load: raw UTF-8 in headers (RFC 6532), encoded words split mid-character, sloppy
 * addresses and parameters, and base64 with stray characters, all common in real mail. It also
 * names the stream provider, which it otherwise looks up on every parse.
 */
public final class MailLeniency {

    private MailLeniency() {
    }

    public static void apply() {
        setIfAbsent("mail.mime.allowutf8", "true");
        setIfAbsent("mail.mime.decodetext.strict", "false");
        setIfAbsent("mail.mime.address.strict", "false");
        setIfAbsent("mail.mime.parameters.strict", "false");
        setIfAbsent("mail.mime.base64.ignoreerrors", "true");
        setIfAbsent("mail.mime.multipart.ignoremissingendboundary", "true");
        setIfAbsent("mail.mime.multipart.allowempty", "true");
        // Named, the stream provider is instantiated directly; unnamed, Jakarta Mail 2.1 searches
        // every jar's META-INF/services for it on each header block, multipart and decode
        // (jakartaee/mail-api#861): 9 % of the processing stage's CPU in the issue-17 profile.
        setIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
