package io.contacthub.web;

import io.contacthub.extract.speech.PendingTranscriptions;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Supervisors and admins transcribe the voice recordings that waited for a speech model, e.g.
 * right after configuring one (the hub also does this by itself at start-up). Answers
 * {@code {"transcribed": n, "stillWaiting": m, "failed": k}} once the run is over.
 */
@RestController
class TranscriptionAdminController {

    private final PendingTranscriptions pending;

    TranscriptionAdminController(PendingTranscriptions pending) {
        this.pending = pending;
    }

    @PostMapping("/api/admin/transcriptions/run")
    PendingTranscriptions.Result run() {
        return pending.run();
    }
}
