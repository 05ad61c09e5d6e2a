package io.contacthub.web.console;

import io.contacthub.descriptor.ChannelCatalog;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's channel badge colours, from the channel descriptors (pages allow no inline style). */
@Controller
class ChannelStylesController {

    private final ChannelCatalog channels;

    ChannelStylesController(ChannelCatalog channels) {
        this.channels = channels;
    }

    @GetMapping(value = "/css/channels.css")
    ResponseEntity<String> stylesheet() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10))).body(channels.badgeStylesheet());
    }
}
