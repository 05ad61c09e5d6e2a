package io.contacthub.channel.letter;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/letters/ocr/run} (supervisors and admins): OCR the letter scans that waited for Tesseract. */
@RestController
class LetterStaffController {

    private final PendingLetterOcr pending;

    LetterStaffController(PendingLetterOcr pending) {
        this.pending = pending;
    }

    @PostMapping("/api/admin/letters/ocr/run")
    PendingLetterOcr.Result runPendingOcr() {
        return pending.run();
    }
}
