package io.contacthub.web.console;

import io.contacthub.presence.AgentPresence;
import io.contacthub.presence.CallAddresses;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's own presence: the top bar's AVAILABLE / BUSY / AWAY control ({@code POST /console/presence}), the
 * bar's refresh ({@code GET /console/presence/bar}, every few seconds: it keeps the agent "seen" and shows an offered
 * call's caller), and where they take calls, on their profile ({@code POST /console/presence/address}).
 */
@Controller
class PresenceController {

    private final AgentPresence presence;
    private final CallAddresses addresses;
    private final MessageSource messages;

    PresenceController(AgentPresence presence, CallAddresses addresses, MessageSource messages) {
        this.presence = presence;
        this.addresses = addresses;
        this.messages = messages;
    }

    @PostMapping("/console/presence")
    String set(@RequestParam String status, @org.springframework.web.bind.annotation.RequestHeader(name = "Referer", required = false)
               String referer, Principal me) {
        AgentPresence.Status chosen;
        try {
            chosen = AgentPresence.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be AVAILABLE, BUSY or AWAY");
        }
        presence.set(me.getName(), chosen);
        return "redirect:" + localPath(referer);
    }

    @GetMapping("/console/presence/bar")
    String bar(Principal me) {
        presence.seen(me.getName());
        return "console/presence :: bar";
    }

    @PostMapping("/console/presence/address")
    String address(@RequestParam(defaultValue = "") String callAddress, Principal me, RedirectAttributes flash, Locale locale) {
        try {
            addresses.save(me.getName(), callAddress);
            flash.addFlashAttribute("notice", "presence.address.saved");
        } catch (CallAddresses.Refused e) {
            flash.addFlashAttribute("error", messages.getMessage(e.key(), null, e.getMessage(), locale));
        }
        return "redirect:/console/profile";
    }

    /** Back to the console page the control was used on (its path, whatever host the Referer names); else the queue. */
    static String localPath(String referer) {
        try {
            java.net.URI uri = java.net.URI.create(referer == null ? "" : referer.strip());
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/console") || path.startsWith("/console/presence") || path.contains("//")) {
                return "/console";
            }
            return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return "/console";
        }
    }
}
