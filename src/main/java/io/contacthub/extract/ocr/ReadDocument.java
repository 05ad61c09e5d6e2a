package io.contacthub.extract.ocr;

import java.util.List;

/**
 * A fax or scanned document read page by page.
 *
 * @param mediaType  what Tika detected (image/tiff, application/pdf, ...)
 * @param pages      the pages in order; empty when the document was not read (see {@code waitingReason})
 * @param waitingReason non-null when OCR could not run yet (no Tesseract, a language pack missing): the
 *                   document is kept un-OCR'd and read again once it is present
 */
public record ReadDocument(String mediaType, int pageCount, List<OcrPage> pages, String waitingReason) {

    public ReadDocument {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    public boolean waiting() {
        return waitingReason != null;
    }

    /** All pages' text, pages separated by a form feed line so staff see where a page ends. */
    public String text() {
        StringBuilder all = new StringBuilder();
        for (OcrPage page : pages) {
            if (!all.isEmpty()) {
                all.append("\n\f\n");
            }
            all.append(page.text() == null ? "" : page.text());
        }
        return all.toString().strip();
    }

    /**
     * One entry per line of {@link #text()}, in order: the words Tesseract read on it (none for blank lines, page
     * breaks and pages that came from a text layer), with the page they are on as {@code pageOfLine}.
     */
    public List<PageLine> lines() {
        List<PageLine> all = new java.util.ArrayList<>();
        boolean first = true;
        for (OcrPage page : pages) {
            String text = page.text() == null ? "" : page.text();
            if (!first) {
                all.add(new PageLine(page.number(), null)); // the form feed line between pages
            }
            if (first && text.isEmpty()) {
                continue; // text() starts with the next page
            }
            first = false;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                all.add(new PageLine(page.number(), i < page.lines().size() && page.lines().size() == lines.length
                        ? page.lines().get(i) : null));
            }
        }
        return all;
    }

    /** A line of the document's text: its page and, when OCR'd, its words. */
    public record PageLine(int page, OcrLine line) {
    }

    /** Mean OCR confidence over the OCR'd pages (0..100), null when no page was OCR'd. */
    public Double meanConfidence() {
        return pages.stream().filter(p -> p.confidence() != null).mapToDouble(OcrPage::confidence).average()
                .stream().boxed().findFirst().orElse(null);
    }

    /** How the text was obtained, e.g. {@code tesseract:chi_sim+eng} or {@code pdf-text-layer+tesseract:eng}. */
    public String method() {
        return String.join("+", pages.stream().map(OcrPage::method).distinct().toList());
    }
}
