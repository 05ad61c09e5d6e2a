package io.contacthub.channel.voice;

import io.contacthub.understand.Intent;

/** The keypad menu callers hear: the digit, the intent it declares, and how staff read it. */
enum MenuOption {
    SHIPMENT_STATUS("1", Intent.TRACKING, "shipment status"),
    COMPLAINT("2", Intent.COMPLAINT, "complaint"),
    ORDERS("3", Intent.ORDER, "orders"),
    VOICEMAIL("0", Intent.GENERAL, "voicemail");

    final String digit;
    final Intent intent;
    final String label;

    MenuOption(String digit, Intent intent, String label) {
        this.digit = digit;
        this.intent = intent;
        this.label = label;
    }

    /** 1, 2, 3; anything else (0, another key, nothing) is voicemail. */
    static MenuOption ofDigits(String digits) {
        String d = digits == null ? "" : digits.trim();
        for (MenuOption option : values()) {
            if (option.digit.equals(d)) {
                return option;
            }
        }
        return VOICEMAIL;
    }

    /** The option that declared this intent (as carried in the recording callback URL). */
    static MenuOption ofIntent(String intent) {
        for (MenuOption option : values()) {
            if (option.intent.name().equalsIgnoreCase(intent == null ? "" : intent.trim())) {
                return option;
            }
        }
        return VOICEMAIL;
    }
}
