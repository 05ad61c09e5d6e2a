package io.contacthub.channel.fax;

import io.contacthub.intake.ContactRecorded;
import java.util.List;
import org.springframework.stereotype.Component;

/** Stores what OCR read from a fax, page by page, with the contact (same transaction). */
@Component
@org.springframework.core.annotation.Order(0) // before listeners that act on the contact's fields (order requests)
class FaxRecorder implements ContactRecorded {

    private final FaxAnalyses analyses;
    private final FaxStore store;

    FaxRecorder(FaxAnalyses analyses, FaxStore store) {
        this.analyses = analyses;
        this.store = store;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (!FaxMapper.CHANNEL.equals(contact.channel())) {
            return;
        }
        List<FaxDocument> documents = analyses.take(contact.messageId());
        for (FaxDocument d : documents) {
            store.save(contact.messageId(), d);
        }
        store.markContact(contact.messageId(), documents);
    }
}
