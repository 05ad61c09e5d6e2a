package io.contacthub.deferred;

/**
 * The catch-up jobs whose items are locked with {@link ItemLocks}. {@code lockSpace} is the first
 * key of their PostgreSQL advisory locks (the second is the item's id), so each kind's locks can be
 * told apart and counted in {@code pg_locks}; {@code kind} is their name in the metrics.
 */
public enum CatchUp {
    /** Faxes that waited for Tesseract (fax_document ids). */
    FAX_OCR("fax_ocr", 0x4348_0001),
    /** Voicemails that waited for a speech model (attachment ids). */
    TRANSCRIPTION("transcription", 0x4348_0002);

    private final String kind;
    private final int lockSpace;

    CatchUp(String kind, int lockSpace) {
        this.kind = kind;
        this.lockSpace = lockSpace;
    }

    public String kind() {
        return kind;
    }

    int lockSpace() {
        return lockSpace;
    }
}
