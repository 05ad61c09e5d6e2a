package io.contacthub.channel.fax;

import io.contacthub.http.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API for faxes (behind the staff sign-in like the rest of /api/**):
 * <ul>
 *   <li>{@code GET /api/messages/{id}/fax}: the fax's text page by page, OCR confidence, form fields and review flag;</li>
 *   <li>{@code GET /api/messages/{id}/fax/{file}/fields/{field}/image}: the cut-out of the page where a field was
 *       read (PNG), shown beside a flagged field so staff check it against the paper;</li>
 *   <li>{@code GET /api/fax/review}: faxes whose fields a person must check;</li>
 *   <li>{@code POST /api/admin/fax/ocr/run}: OCR the faxes that waited for Tesseract (supervisors and admins).</li>
 * </ul>
 */
@RestController
class FaxStaffController {

    private final FaxQueries faxes;
    private final PendingOcr pending;
    private final FaxFieldImages images;

    FaxStaffController(FaxQueries faxes, PendingOcr pending, FaxFieldImages images) {
        this.faxes = faxes;
        this.pending = pending;
        this.images = images;
    }

    @GetMapping(value = "/api/messages/{id}/fax/{file}/fields/{field}/image", produces = "image/png")
    ResponseEntity<byte[]> fieldImage(@PathVariable long id, @PathVariable int file, @PathVariable String field) {
        return images.png(id, file, field).map(png -> ResponseEntity.ok().contentType(org.springframework.http.MediaType.IMAGE_PNG)
                        .header("Cache-Control", "private, max-age=300").body(png))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no image of field " + field + " of fax file " + file
                        + " of message " + id));
    }

    @GetMapping("/api/messages/{id}/fax")
    ResponseEntity<?> fax(@PathVariable long id) {
        return faxes.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no fax message " + id));
    }

    @GetMapping("/api/fax/review")
    List<FaxQueries.ReviewItem> review(@RequestParam(defaultValue = "50") int limit) {
        return faxes.needingReview(Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/api/admin/fax/ocr/run")
    PendingOcr.Result runPendingOcr() {
        return pending.run();
    }
}
