package io.contacthub.channel.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.config.SettingsTesting;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Who a logged letter is from, read back from what was stored (no scan: no OCR; no Spring). */
class LetterMessageParserTest {

    private static final String TOKEN = "7a1c3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private final ObjectMapper json = new ObjectMapper();
    private final FormProperties forms = SettingsTesting.shipped("hub.forms", FormProperties.class);
    private final LetterMessageParser parser = new LetterMessageParser(json, null, new FormFieldExtractor(forms),
            SettingsTesting.shipped("hub.letter", LetterSettings.class), forms);

    private ParsedContent parsed(LetterEntry entry) {
        InboundMessage inbound = new LetterMapper(json).toInbound(entry, "alice", Instant.now());
        return parser.parse(new StoredMessage(1, inbound.channel(), inbound.externalId(), inbound.source(), inbound.sender(),
                inbound.contentType(), inbound.raw(), MessageStatus.RECEIVED, 1, OffsetDateTime.now()));
    }

    private static LetterEntry letter(String email, String phone, String ticket, LetterEntry.Vouch vouch) {
        return new LetterEntry(TOKEN, LetterKind.WALK_IN, "张三", email, phone, null, "来柜台询问运费", ticket, null, vouch, null);
    }

    @Test
    void whatStaffTypedFromTheLetterIsOnlyAClaim() {
        ParsedContent content = parsed(letter("zhang@example.cn", "+8613900139000", null, null));

        assertThat(content.senderEmail()).isEqualTo("zhang@example.cn");
        assertThat(content.senderPhone()).isEqualTo("+8613900139000");
        assertThat(content.proof().email()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.proof().phone()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.proof().memberCustomerId()).as("never a member's session").isNull();
        assertThat(content.identities()).isEmpty();
        assertThat(content.subject()).isEqualTo("Walk-in visit by 张三");
        assertThat(content.body()).isEqualTo("来柜台询问运费");
        assertThat(content.extension(LetterDetails.class)).hasValueSatisfying(d -> {
            assertThat(d.kind()).isEqualTo(LetterKind.WALK_IN);
            assertThat(d.loggedBy()).isEqualTo("alice");
            assertThat(d.vouch()).isNull();
            assertThat(d.form()).isNull();
        });
    }

    @Test
    void theIdentityStaffCheckedIsVerifiedAndWhatElseWasTypedStaysAClaim() {
        ParsedContent content = parsed(letter("other@example.cn", "+8613900139000", "CH-000042",
                new LetterEntry.Vouch(12, "EMAIL", "zhang@example.cn", IdentityCheck.ID_SHOWN)));

        assertThat(content.senderEmail()).isEqualTo("zhang@example.cn");
        assertThat(content.proof().email()).isEqualTo(Provenance.VERIFIED);
        assertThat(content.proof().phone()).isEqualTo(Provenance.CLAIMED);
        assertThat(content.identities()).containsExactly(new GivenIdentity("EMAIL", "other@example.cn", Provenance.CLAIMED));
        assertThat(content.subject()).as("the reference staff gave, where threading reads it first")
                .isEqualTo("Walk-in visit by 张三 [#CH-000042]");
        assertThat(content.extension(LetterDetails.class).orElseThrow().vouch().by()).isEqualTo("alice");
    }

    @Test
    void aCheckedFaxNumberIsTheVerifiedIdentityOfItsOwnKind() {
        ParsedContent content = parsed(letter(null, "+8613900139000", null,
                new LetterEntry.Vouch(12, "FAX", "+862150001234", IdentityCheck.LETTERHEAD)));

        assertThat(content.identities()).containsExactly(new GivenIdentity("FAX", "+862150001234", Provenance.VERIFIED));
        assertThat(content.proof().phone()).isEqualTo(Provenance.CLAIMED);
    }

    @Test
    void theMatterStaffChoseIsDeclared() {
        ParsedContent content = parsed(new LetterEntry(TOKEN, LetterKind.LETTER, null, null, null, "运费", "please quote",
                null, "ORDER", null, null));

        assertThat(content.declaredFields()).containsEntry("intent", "ORDER");
        assertThat(content.subject()).isEqualTo("运费");
    }

    @Test
    void aStoredLetterOfAnotherTypeIsUnreadable() {
        assertThatThrownBy(() -> parser.parse(new StoredMessage(1, "LETTER", "letter:x", null, null, "application/json",
                "{}".getBytes(), MessageStatus.RECEIVED, 1, OffsetDateTime.now())))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not application/vnd.contacthub.letter+json");
    }
}
