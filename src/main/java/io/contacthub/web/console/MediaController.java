package io.contacthub.web.console;

import io.contacthub.intake.MessageQueries;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Attachments for signed-in staff. Audio and raster images are served inline so the page can play
 * a call or show a fax page; everything else (HTML, SVG, PDFs, office files) only as a download
 * with a neutral type, so a customer's file never runs as a page of the hub.
 */
@Controller
class MediaController {

    private final MessageQueries messages;
    private final PagePreview preview;

    MediaController(MessageQueries messages, PagePreview preview) {
        this.messages = messages;
        this.preview = preview;
    }

    @GetMapping("/console/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        return messages.attachment(id).map(file -> {
            String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT).trim();
            boolean inline = type.startsWith("audio/") || (type.startsWith("image/") && !type.contains("svg"));
            MediaType served = inline ? parse(type) : MediaType.APPLICATION_OCTET_STREAM;
            return ResponseEntity.ok()
                    .contentType(served)
                    .cacheControl(CacheControl.noStore())
                    .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"attachment-" + id + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(file.bytes());
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** A fax or scan (TIFF, PDF) rendered as one PNG of its pages, for the ticket page to show beside its OCR text. */
    @GetMapping("/console/attachments/{id}/pages.png")
    ResponseEntity<byte[]> pages(@PathVariable long id) {
        return messages.attachment(id)
                .filter(file -> PagePreview.supports(file.contentType()))
                .flatMap(file -> preview.png(file.contentType(), file.bytes()))
                .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                        .header("X-Content-Type-Options", "nosniff").body(png))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static MediaType parse(String type) {
        try {
            return MediaType.parseMediaType(type);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
