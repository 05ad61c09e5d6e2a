package io.contacthub.channel.email;

/**
 * Jakarta Mail reads some of its leniency switches only from JVM system properties, once, when
 * its classes load: raw UTF-8 in headers (RFC 6532), encoded words split mid-character, sloppy
 * addresses and parameters, and base64 with stray characters, all common in real mail.
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
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
