package io.contacthub.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.Provenance;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** A chat line as the hub stores it, read back: claims stay claims, a member is proven, lines thread to the first. */
class ChatMessageParserTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChatMapper mapper = new ChatMapper(json);
    private final ChatMessageParser parser = new ChatMessageParser(json);

    @Test
    void theFirstLineOpensATicketWithItsStartAsSubjectAndTheTypedAddressIsAClaim() {
        InboundMessage in = mapper.toInbound(new ChatLine("conv1", "msg-00001", null, "张三", "zhang@example.cn", null, null, "zh",
                "  我的快递到哪了？运单号 SF1234567890123，已经三天没有更新了，请帮我查一下，谢谢！另外还有一个关于周末仓储入库预约的问题想咨询一下  "), "203.0.113.9");
        assertThat(in.channel()).isEqualTo("CHAT");
        assertThat(in.externalId()).isEqualTo("chat:conv1:msg-00001");
        assertThat(in.sender()).isEqualTo("zhang@example.cn");
        ParsedContent content = parser.parse(stored(in));
        assertThat(content.subject()).startsWith("我的快递到哪了？").endsWith("…").hasSize(61);
        assertThat(content.body()).startsWith("我的快递到哪了").endsWith("想咨询一下");
        assertThat(content.senderName()).isEqualTo("张三");
        assertThat(content.senderEmail()).isEqualTo("zhang@example.cn");
        assertThat(content.proof().email()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.proof().phone()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.proof().memberCustomerId()).isNull();
        assertThat(content.relatedExternalId()).isNull();
    }

    @Test
    void laterLinesNameTheFirstLineSoTheyJoinItsTicket() {
        InboundMessage in = mapper.toInbound(new ChatLine("conv1", "msg-00002", "chat:conv1:msg-00001", "张三", null, "+8613800138000",
                null, "zh", "谢谢"), null);
        ParsedContent content = parser.parse(stored(in));
        assertThat(content.relatedExternalId()).isEqualTo("chat:conv1:msg-00001");
        assertThat(content.subject()).isNull();
        assertThat(content.senderPhone()).isEqualTo("+8613800138000");
    }

    @Test
    void aMembersLineIsTheMembersBecauseThePortalSessionProvedIt() {
        InboundMessage in = mapper.toInbound(new ChatLine("conv2", "msg-00003", null, "wangfang", "wang@example.cn", null, 42L, "zh",
                "你好"), null);
        assertThat(parser.parse(stored(in)).proof().memberCustomerId()).isEqualTo(42L);
    }

    @Test
    void aStoredLineThatCannotBeReadIsUnreadableNotACrash() {
        for (String raw : new String[] {"not json", "null", "{\"conversation\":\"c\",\"text\":\"  \"}", "{\"text\":\"hi\"}"}) {
            StoredMessage m = new StoredMessage(1, "CHAT", "chat:c:x", "chat", null, ChatMapper.CONTENT_TYPE,
                    raw.getBytes(StandardCharsets.UTF_8), MessageStatus.RECEIVED, 0, OffsetDateTime.now());
            assertThatThrownBy(() -> parser.parse(m)).as(raw).isInstanceOf(UnreadableMessageException.class);
        }
    }

    private static StoredMessage stored(InboundMessage in) {
        return new StoredMessage(1, in.channel(), in.externalId(), in.source(), in.sender(), in.contentType(), in.raw(),
                MessageStatus.RECEIVED, 0, OffsetDateTime.now());
    }
}
