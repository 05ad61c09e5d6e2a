package io.contacthub.channel.chat;

/**
 * Why the chat did not take something, said to the browser as a code it translates and a sentence for logs and API
 * callers. Nothing was stored; the browser may send the same line again (with {@code retry}, after the given time).
 */
class ChatRefused extends RuntimeException {

    enum Code { INVALID, TOO_LONG, RATE_LIMITED, RETRY, NOT_FOUND, UNAUTHORIZED }

    private final Code code;
    private final long retryAfterSeconds;

    ChatRefused(Code code, String message) {
        this(code, message, 0);
    }

    ChatRefused(Code code, String message, long retryAfterSeconds) {
        super(message);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    Code code() {
        return code;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int httpStatus() {
        return switch (code) {
            case INVALID, TOO_LONG -> 400;
            case RATE_LIMITED -> 429;
            case RETRY -> 503;
            case NOT_FOUND -> 404;
            case UNAUTHORIZED -> 401;
        };
    }
}
