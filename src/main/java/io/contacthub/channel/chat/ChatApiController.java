package io.contacthub.channel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.channel.chat.ChatConversations.Conversation;
import io.contacthub.http.BoundedBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The chat over plain HTTP: opening a conversation, and the fallback for browsers whose WebSocket does not get
 * through (a proxy that refuses upgrades): {@code POST /chat/api/messages} sends a line (same id, same line),
 * {@code GET /chat/api/lines?after=N} is a long poll answered as soon as there is something after line N. Every
 * call but the opening one carries the conversation's token as {@code Authorization: Bearer}. Bodies are read
 * bounded (16 KiB) before any JSON is parsed.
 */
@RestController
class ChatApiController {

    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final ChatDesk desk;
    private final ChatRelay relay;
    private final ChatSettings settings;
    private final ObjectMapper json;

    ChatApiController(ChatDesk desk, ChatRelay relay, ChatSettings settings, ObjectMapper json) {
        this.desk = desk;
        this.relay = relay;
        this.settings = settings;
        this.json = json;
    }

    /** A visitor of the embedded chat (the centre's own site, through {@code /chat/embed.js}). */
    @PostMapping(path = "/chat/api/conversations")
    ResponseEntity<Map<String, Object>> open(HttpServletRequest request) throws IOException {
        return opened(desk.start(startRequest(body(request)), null, "widget", request.getRemoteAddr()));
    }

    /** The portal's chat box: the portal's session (and CSRF token) come along, so a signed-in member is known. */
    @PostMapping(path = "/portal/chat/conversations")
    ResponseEntity<Map<String, Object>> openOnPortal(HttpServletRequest request, Authentication signedIn) throws IOException {
        String member = signedIn != null && signedIn.isAuthenticated()
                && signedIn.getAuthorities().stream().anyMatch(a -> "ROLE_MEMBER".equals(a.getAuthority()))
                ? signedIn.getName() : null;
        return opened(desk.start(startRequest(body(request)), member, "portal", request.getRemoteAddr()));
    }

    @PostMapping(path = "/chat/api/messages")
    Map<String, Object> send(@RequestHeader(name = "Authorization", required = false) String authorization,
                             HttpServletRequest request) throws IOException {
        Conversation c = conversation(authorization);
        JsonNode body = body(request);
        relay.customerPolled(c.id());
        return desk.customerSays(c, ChatSocketFrames.text(body, "clientId"), ChatSocketFrames.text(body, "text"),
                request.getRemoteAddr());
    }

    @PostMapping(path = "/chat/api/typing")
    ResponseEntity<Void> typing(@RequestHeader(name = "Authorization", required = false) String authorization) {
        desk.customerTyping(conversation(authorization));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/chat/api/end")
    ResponseEntity<Void> end(@RequestHeader(name = "Authorization", required = false) String authorization) {
        desk.end(conversation(authorization));
        return ResponseEntity.noContent().build();
    }

    /** The long poll: the lines after {@code after}, and the state; held open up to {@code hub.chat.long-poll-wait}. */
    @GetMapping(path = "/chat/api/lines")
    DeferredResult<Map<String, Object>> lines(@RequestHeader(name = "Authorization", required = false) String authorization,
                                              @RequestParam(defaultValue = "0") long after,
                                              @RequestParam(defaultValue = "true") boolean wait) {
        Conversation c = conversation(authorization);
        relay.customerPolled(c.id());
        Duration hold = wait ? settings.longPollWait() : Duration.ZERO;
        DeferredResult<Map<String, Object>> result = new DeferredResult<>(hold.toMillis() + 5000);
        List<Map<String, Object>> now = desk.linesAfter(c, after, false);
        if (!now.isEmpty() || hold.isZero()) {
            result.setResult(poll(c, now));
            return result;
        }
        Runnable wake = () -> result.setResult(poll(c, desk.linesAfter(c, after, false)));
        relay.awaitCustomerNews(c.id(), wake);
        result.onTimeout(() -> result.setResult(poll(c, List.of())));
        result.onCompletion(() -> relay.stopAwaiting(c.id(), wake));
        // The poll's own timeout is the hold; the DeferredResult's is a little longer, as a backstop.
        java.util.concurrent.CompletableFuture.delayedExecutor(hold.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> result.setResult(poll(c, List.of())));
        return result;
    }

    private Map<String, Object> poll(Conversation c, List<Map<String, Object>> lines) {
        relay.customerPolled(c.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", desk.state(c));
        answer.put("lines", lines);
        return answer;
    }

    @ExceptionHandler(ChatRefused.class)
    ResponseEntity<Map<String, Object>> refused(ChatRefused refused, HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        HttpStatus status = HttpStatus.valueOf(refused.httpStatus());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", refused.getMessage());
        problem.put("instance", request.getRequestURI());
        problem.put("code", refused.code().name());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (refused.retryAfterSeconds() > 0) {
            answer.header("Retry-After", String.valueOf(refused.retryAfterSeconds()));
        }
        if (refused.code() == ChatRefused.Code.UNAUTHORIZED) {
            answer.header("WWW-Authenticate", "Bearer");
        }
        return answer.body(problem);
    }

    private Conversation conversation(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
        return desk.byToken(token).orElseThrow(() -> new ChatRefused(ChatRefused.Code.UNAUTHORIZED, "unknown conversation"));
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        byte[] raw = BoundedBody.read(request, MAX_BODY_BYTES);
        if (raw == null) {
            throw new ChatRefused(ChatRefused.Code.TOO_LONG, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new ChatRefused(ChatRefused.Code.INVALID, "the request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ChatRefused(ChatRefused.Code.INVALID, "the request body is not valid JSON");
        }
    }

    private static ChatDesk.StartRequest startRequest(JsonNode body) {
        return new ChatDesk.StartRequest(ChatSocketFrames.text(body, "name"), ChatSocketFrames.text(body, "email"),
                ChatSocketFrames.text(body, "phone"), ChatSocketFrames.text(body, "language"));
    }

    private static ResponseEntity<Map<String, Object>> opened(ChatDesk.Started started) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", started.token());
        answer.put("state", started.state());
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(answer);
    }
}
