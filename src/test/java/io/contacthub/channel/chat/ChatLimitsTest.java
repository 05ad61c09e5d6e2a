package io.contacthub.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a stranger may send the chat: lines bounded in length and shape, conversations and lines per minute. */
class ChatLimitsTest {

    private final ChatLimits limits = new ChatLimits(2, 3, 1000, 10);

    @Test
    void aLineOverTheLengthIsRefusedNotCut() {
        assertThat(limits.checkLine("abcdefgh", "0123456789")).isEqualTo("0123456789");
        assertThatThrownBy(() -> limits.checkLine("abcdefgh", "01234567890"))
                .isInstanceOfSatisfying(ChatRefused.class, r -> assertThat(r.code()).isEqualTo(ChatRefused.Code.TOO_LONG));
        // Counted in characters, not UTF-16 units or bytes: ten Chinese characters (or emoji) fit.
        assertThat(limits.checkLine("abcdefgh", "运单号到哪里了呢请查")).isEqualTo("运单号到哪里了呢请查");
        assertThat(limits.checkLine("abcdefgh", "😀".repeat(10))).isEqualTo("😀".repeat(10));
    }

    @Test
    void emptyLinesAndOddMessageIdsAreRefused() {
        for (String id : new String[] {null, "short", "has space 123", "x".repeat(65), "chat:a:b:c1", "<script>1"}) {
            assertThatThrownBy(() -> limits.checkLine(id, "hello")).as(String.valueOf(id))
                    .isInstanceOfSatisfying(ChatRefused.class, r -> assertThat(r.code()).isEqualTo(ChatRefused.Code.INVALID));
        }
        assertThatThrownBy(() -> limits.checkLine("abcdefgh", " \n\t "))
                .isInstanceOfSatisfying(ChatRefused.class, r -> assertThat(r.code()).isEqualTo(ChatRefused.Code.INVALID));
        assertThat(limits.checkLine("A-b_c-1234567", " hello ")).isEqualTo("hello");
    }

    @Test
    void oneConversationMaySendOnlySoManyLinesAMinuteOthersAreNotHeldBack() {
        limits.takeLine(1);
        limits.takeLine(1);
        limits.takeLine(1);
        assertThatThrownBy(() -> limits.takeLine(1)).isInstanceOfSatisfying(ChatRefused.class, r -> {
            assertThat(r.code()).isEqualTo(ChatRefused.Code.RATE_LIMITED);
            assertThat(r.retryAfterSeconds()).isPositive();
            assertThat(r.httpStatus()).isEqualTo(429);
        });
        limits.takeLine(2);
    }

    @Test
    void oneAddressMayOpenOnlySoManyConversationsAMinute() {
        limits.takeConversation("203.0.113.7");
        limits.takeConversation("203.0.113.7");
        assertThatThrownBy(() -> limits.takeConversation("203.0.113.7"))
                .isInstanceOfSatisfying(ChatRefused.class, r -> assertThat(r.code()).isEqualTo(ChatRefused.Code.RATE_LIMITED));
        limits.takeConversation("198.51.100.1");
    }

    @Test
    void allClientsTogetherAreBoundedToo() {
        ChatLimits tight = new ChatLimits(5, 5, 2, 10);
        tight.takeConversation("198.51.100.1");
        tight.takeConversation("198.51.100.2");
        assertThatThrownBy(() -> tight.takeConversation("198.51.100.3")).isInstanceOfSatisfying(ChatRefused.class,
                r -> assertThat(r.getMessage()).contains("the hub is taking too many"));
    }

    @Test
    void typingIsPassedOnAtMostOnceASecondPerSide() {
        assertThat(limits.typingAllowed("c1")).isTrue();
        assertThat(limits.typingAllowed("c1")).isFalse();
        assertThat(limits.typingAllowed("a1")).isTrue();
    }
}
