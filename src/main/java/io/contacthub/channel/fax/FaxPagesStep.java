package io.contacthub.channel.fax;

import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import io.contacthub.understand.forms.ReadForm;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code fax-pages}: stores what OCR read from a fax, page by page, with the contact
 * (same transaction), and passes the form it read on to the steps after it (the order request).
 * Documents are stored by message and file, so a rerun after late OCR rewrites them rather than adding.
 */
@Component
class FaxPagesStep implements AfterRecordStep {

    private final FaxStore store;

    FaxPagesStep(FaxStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "fax-pages";
    }

    @Override
    public ReadForm apply(RecordedContact contact, EarlierResults earlier) {
        FaxPages pages = contact.content().extension(FaxPages.class).orElse(null);
        if (pages == null || pages.documents().isEmpty()) {
            return null;
        }
        for (FaxDocument d : pages.documents()) {
            store.save(contact.messageId(), d);
        }
        return store.markContact(contact.messageId(), pages.documents());
    }
}
