package io.contacthub.channel.fax;

import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.understand.forms.FormFields;

/** One faxed file as read: its pages (or why it waits for OCR) and the form fields found in it. */
record FaxDocument(int fileIndex, String fileName, String faxNumber, ReadDocument read, FormFields form) {
}
