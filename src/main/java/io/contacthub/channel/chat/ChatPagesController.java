package io.contacthub.channel.chat;

import io.contacthub.channel.chat.ChatConversations.Conversation;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The chat's pages: the portal's chat ({@code /portal/chat}), the widget the embed script frames
 * ({@code /chat/widget}), the agents' chat page ({@code /console/chats}: who waits, and being there counts the agent
 * as available), and the agent's HTTP fallback for the ticket panel (console session and CSRF token, like every
 * console form).
 */
@Controller
class ChatPagesController {

    private final ChatDesk desk;
    private final ChatRelay relay;
    private final ChatQueue queue;
    private final ChatPanel panel;

    ChatPagesController(ChatDesk desk, ChatRelay relay, ChatQueue queue, ChatPanel panel) {
        this.panel = panel;
        this.desk = desk;
        this.relay = relay;
        this.queue = queue;
    }

    @GetMapping("/portal/chat")
    String portal(Authentication signedIn, Model model) {
        boolean member = signedIn != null && signedIn.getAuthorities().stream().anyMatch(a -> "ROLE_MEMBER".equals(a.getAuthority()));
        model.addAttribute("member", member ? signedIn.getName() : null); // the portal's top bar reads it
        model.addAttribute("startUrl", "/portal/chat/conversations");
        model.addAttribute("maxChars", panel.maxChars());
        return "chat/portal";
    }

    @GetMapping("/chat/widget")
    String widget(Model model) {
        model.addAttribute("member", null);
        model.addAttribute("startUrl", "/chat/api/conversations");
        model.addAttribute("maxChars", panel.maxChars());
        return "chat/widget";
    }

    @GetMapping("/console/chats")
    String agents(Principal staff, Model model) {
        model.addAttribute("me", staff == null ? "" : staff.getName());
        model.addAttribute("waiting", queue.waiting());
        return "chat/console-chats";
    }

    /** The panel's fallback send: same as the socket's {@code send}. */
    @PostMapping(path = "/console/chat/{ref}/lines", consumes = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> agentSays(@PathVariable String ref, @RequestBody Map<String, String> line, Principal staff) {
        relay.agentPolled(staff.getName());
        try {
            return ResponseEntity.ok(desk.agentSays(ref, staff.getName(), line.get("clientId"), line.get("text")));
        } catch (ChatRefused refused) {
            return ResponseEntity.status(refused.httpStatus()).body(Map.of("code", refused.code().name(), "message", refused.getMessage()));
        }
    }

    /** The panel's fallback poll: the lines after {@code after} and whether the visitor is there. */
    @GetMapping(path = "/console/chat/{ref}/lines")
    @ResponseBody
    ResponseEntity<Map<String, Object>> agentPolls(@PathVariable String ref, @RequestParam(defaultValue = "0") long after,
                                                   Principal staff) {
        relay.agentPolled(staff.getName());
        Conversation c = desk.conversationOf(ref).orElse(null);
        if (c == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("lines", desk.linesAfter(c, after, true), "customerOnline", desk.customerPresent(c)));
    }
}
