package io.contacthub.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One kind of work a hub node can take on; {@code HUB_ROLES} lists them (default: all). */
public enum Role {
    /** Webhooks, the web API and portal forms, mailbox and spool polling: where contacts come in. */
    INTAKE,
    /** The processing stage for contacts that need neither OCR nor speech. */
    PROCESSING,
    /** Processing of faxes and letters: Tesseract. */
    OCR,
    /** Processing of voicemails and call recordings: speech-to-text. */
    SPEECH,
    /** The outbox and back-office dispatchers: notifications and hand-offs leave from here. */
    NOTIFY,
    /** The staff console and the staff API. */
    CONSOLE;

    /** Reads one role as an operator writes it ({@code ocr}, {@code OCR}, {@code " ocr "}). */
    public static Role parse(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("hub.cluster.roles (HUB_ROLES): unknown role '" + name.strip()
                + "'; a node's roles are all or some of " + Arrays.stream(values())
                .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
