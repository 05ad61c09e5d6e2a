package io.contacthub.web.console;

import io.contacthub.intake.IntakeQueue;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.MessageStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Messages the hub could not process, with the reason, the raw original and a replay button. */
@Controller
class FailedMessagesController {

    private final MessageQueries messages;
    private final MessageStore store;
    private final IntakeQueue queue;
    private final io.contacthub.descriptor.ChannelCatalog channels;

    FailedMessagesController(MessageQueries messages, MessageStore store, IntakeQueue queue,
                             io.contacthub.descriptor.ChannelCatalog channels) {
        this.channels = channels;
        this.messages = messages;
        this.store = store;
        this.queue = queue;
    }

    @GetMapping("/console/failed")
    String failed(@RequestParam(required = false) String channel, Model model) {
        model.addAttribute("messages", messages.list("FAILED", channel, 200, 0));
        model.addAttribute("channel", channel);
        model.addAttribute("channels", channels.names());
        return "console/failed";
    }

    /** Same as {@code POST /api/messages/{id}/replay}: back to RECEIVED, then through processing again. */
    @PostMapping("/console/failed/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes flash) {
        if (messages.find(id).isPresent() && store.reopenFailed(id)) {
            queue.enqueue(id);
            flash.addFlashAttribute("notice", "replay.queued");
        } else {
            flash.addFlashAttribute("error", "message " + id + " is not FAILED (any more)");
        }
        return "redirect:/console/failed";
    }

    @GetMapping("/console/messages/{id}/raw")
    org.springframework.http.ResponseEntity<byte[]> raw(@PathVariable long id) {
        // Always a download as octet-stream: a raw mail may hold HTML that must not render on our origin.
        return messages.raw(id).map(r -> org.springframework.http.ResponseEntity.ok()
                        .header("Content-Disposition", "attachment; filename=\"message-" + id + raw(r.contentType()) + "\"")
                        .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM).body(r.bytes()))
                .orElseGet(() -> org.springframework.http.ResponseEntity.notFound().build());
    }

    private static String raw(String contentType) {
        return contentType != null && contentType.startsWith("message/rfc822") ? ".eml" : ".bin";
    }
}
