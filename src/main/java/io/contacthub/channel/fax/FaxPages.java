package io.contacthub.channel.fax;

import java.util.List;

/** What OCR read from a fax, file by file, carried on its content to the {@code fax-pages} step. */
record FaxPages(List<FaxDocument> documents) {

    FaxPages {
        documents = List.copyOf(documents);
    }
}
