/**
 * OCR with Tesseract: scanned documents and attachments read page by page
 * ({@link io.contacthub.extract.ocr.ScannedDocumentReader}, {@link io.contacthub.extract.ocr.AttachmentReader}) into
 * {@link io.contacthub.extract.ocr.ReadDocument}s. Offered to the channels (e-mail, SMS, fax) and the console's page
 * preview as the named interface {@code extract::ocr}. Uses nothing of {@code extract.speech}.
 */
@NamedInterface("ocr")
package io.contacthub.extract.ocr;

import org.springframework.modulith.NamedInterface;
