package io.contacthub.channel.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contacthub.http.RequestBudget;
import io.contacthub.http.RequestBudgets;
import io.contacthub.http.WebSettings;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The chat is a public door like the web form: conversations opened per client address, lines per conversation
 * (each also bounded for all clients together, {@code hub.web.global-rate-limit-per-minute}, counted apart from
 * the other doors), a line's length, the shape of the browser's message ids, and typing signals at most one a
 * second per side (they are passed on, never stored). In cluster mode the budgets hold for all nodes together
 * ({@link RequestBudgets}); the typing signals' pace stays per node: one costs nothing but a push to open sockets.
 */
@Component
class ChatLimits {

    /** Browser-made line ids: long enough to be unique, short and plain enough to sit in an external id. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final RequestBudget conversations;
    private final RequestBudget lines;
    private final int maxChars;
    private final Cache<String, Boolean> typing = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1))
            .maximumSize(100_000).build();

    @Autowired
    ChatLimits(ChatSettings chat, WebSettings web, RequestBudgets budgets) {
        this(budgets.perMinute("chat-conversations", chat.conversationsPerMinute(), web.globalRateLimitPerMinute()),
                budgets.perMinute("chat-lines", chat.linesPerMinute(), web.globalRateLimitPerMinute()), chat.maxMessageChars());
    }

    ChatLimits(int conversationsPerMinute, int linesPerMinute, int globalPerMinute, int maxChars) {
        this(new RequestBudget(conversationsPerMinute, globalPerMinute), new RequestBudget(linesPerMinute, globalPerMinute),
                maxChars);
    }

    private ChatLimits(RequestBudget conversations, RequestBudget lines, int maxChars) {
        this.conversations = conversations;
        this.lines = lines;
        this.maxChars = maxChars;
    }

    void takeConversation(String clientAddress) {
        take(conversations.take(clientAddress), "conversations");
    }

    void takeLine(long conversationId) {
        take(lines.take("conversation:" + conversationId), "messages");
    }

    /** @return the line's text, stripped; refused when empty, too long, or not a usable message id */
    String checkLine(String clientMessageId, String text) {
        if (clientMessageId == null || !CLIENT_ID.matcher(clientMessageId).matches()) {
            throw new ChatRefused(ChatRefused.Code.INVALID, "the message id must be 8-64 letters, digits, - or _");
        }
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new ChatRefused(ChatRefused.Code.INVALID, "the message is empty");
        }
        if (stripped.codePointCount(0, stripped.length()) > maxChars) {
            throw new ChatRefused(ChatRefused.Code.TOO_LONG, "the message is longer than " + maxChars + " characters");
        }
        return stripped;
    }

    int maxChars() {
        return maxChars;
    }

    /** @return whether this side's typing signal is passed on (at most one a second) */
    boolean typingAllowed(String key) {
        return typing.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    private static void take(RequestBudget.Refusal refused, String what) {
        if (refused != null) {
            throw new ChatRefused(ChatRefused.Code.RATE_LIMITED, refused.everyone()
                    ? "the hub is taking too many chat " + what + " right now; try again in " + refused.retryAfterSeconds() + " s"
                    : "too many chat " + what + "; try again in " + refused.retryAfterSeconds() + " s", refused.retryAfterSeconds());
        }
    }
}
