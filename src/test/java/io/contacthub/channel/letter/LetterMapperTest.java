package io.contacthub.channel.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What staff entered to the message the hub keeps: plain Java, no Spring, no Camel. */
class LetterMapperTest {

    private static final String TOKEN = "2f1c3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private final ObjectMapper json = new ObjectMapper();
    private final LetterMapper mapper = new LetterMapper(json);

    private static LetterEntry entry(String text, byte[] scan) {
        return new LetterEntry(TOKEN, LetterKind.LETTER, "张三", "Zhang@Example.cn", null, null, text, "CH-000042", "COMPLAINT",
                new LetterEntry.Vouch(12, "EMAIL", "zhang@example.cn", IdentityCheck.LETTERHEAD),
                scan == null ? null : new LetterEntry.Scan("C:\\scans\\2026\\letter.tif", "image/tiff", scan));
    }

    @Test
    void aLetterIsKeyedByItsFormTokenAndKeptWithEverythingStaffEntered() {
        byte[] tiff = {'I', 'I', 42, 0, 1, 2, 3};
        InboundMessage inbound = mapper.toInbound(entry("货物破损", tiff), "alice", Instant.parse("2026-11-20T08:30:00Z"));

        assertThat(inbound.channel()).isEqualTo("LETTER");
        assertThat(inbound.externalId()).isEqualTo("letter:" + TOKEN);
        assertThat(inbound.source()).isEqualTo("console:alice");
        assertThat(inbound.sender()).isEqualTo("张三 <Zhang@Example.cn>");
        assertThat(inbound.contentType()).isEqualTo("application/vnd.contacthub.letter+json");

        LetterEnvelope stored = LetterEnvelope.read(json, inbound.raw());
        assertThat(stored.kind()).isEqualTo("LETTER");
        assertThat(stored.loggedBy()).isEqualTo("alice");
        assertThat(stored.loggedAt()).isEqualTo("2026-11-20T08:30:00Z");
        assertThat(stored.text()).isEqualTo("货物破损");
        assertThat(stored.ticketRef()).isEqualTo("CH-000042");
        assertThat(stored.intent()).isEqualTo("COMPLAINT");
        assertThat(stored.vouch().customerId()).isEqualTo(12);
        assertThat(stored.vouch().checked()).isEqualTo("LETTERHEAD");
        assertThat(stored.vouch().by()).as("the vouch is the signed-in staff member's").isEqualTo("alice");
        assertThat(stored.scan().fileName()).as("no folder of the staff member's PC").isEqualTo("letter.tif");
        assertThat(stored.scan().content()).isEqualTo(tiff);
        assertThat(stored.scan().sha256()).isEqualTo(LetterMapper.sha256(tiff));
        assertThat(new String(inbound.raw(), StandardCharsets.UTF_8)).contains("\"content\":\"SUkqAAECAw==\"");
    }

    @Test
    void theSameEntryHasTheSameFingerprintAndAnyChangeAnother() {
        String once = LetterMapper.fingerprint(entry("货物破损", new byte[] {1, 2}));

        assertThat(LetterMapper.fingerprint(entry("货物破损", new byte[] {1, 2}))).isEqualTo(once);
        assertThat(LetterMapper.fingerprint(entry("货物破损 ", new byte[] {1, 2}))).as("spaces around are not content").isEqualTo(once);
        assertThat(LetterMapper.fingerprint(entry("货物丢失", new byte[] {1, 2}))).isNotEqualTo(once);
        assertThat(LetterMapper.fingerprint(entry("货物破损", new byte[] {1, 3}))).isNotEqualTo(once);
        assertThat(LetterMapper.fingerprint(entry("货物破损", null))).isNotEqualTo(once);
        InboundMessage later = mapper.toInbound(entry("货物破损", new byte[] {1, 2}), "bob", Instant.now());
        assertThat(LetterEnvelope.read(json, later.raw()).fingerprint()).as("who and when do not count").isEqualTo(once);
    }

    @Test
    void aNoteFromNobodyInParticularHasNoSender() {
        InboundMessage note = mapper.toInbound(new LetterEntry(TOKEN, LetterKind.NOTE, " ", null, null, null, "someone called",
                null, null, null, null), "alice", Instant.now());

        assertThat(note.sender()).isNull();
        LetterEnvelope stored = LetterEnvelope.read(json, note.raw());
        assertThat(stored.name()).isNull();
        assertThat(stored.scan()).isNull();
        assertThat(stored.vouch()).isNull();
    }

    @Test
    void storedBytesThatAreNoLetterAreUnreadableWithTheReason() {
        assertThatThrownBy(() -> LetterEnvelope.read(json, "{\"version\": 1, \"kind\": \"LETTER\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessage("stored letter has neither text nor a scanned file");
        assertThatThrownBy(() -> LetterEnvelope.read(json, "{\"version\": 1, \"kind\": \"FAX\", \"text\": \"x\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(UnreadableMessageException.class).hasMessageContaining("no known kind");
        assertThatThrownBy(() -> LetterEnvelope.read(json, "null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("JSON null");
        assertThatThrownBy(() -> LetterEnvelope.read(json, "<letter/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageStartingWith("stored letter is not valid JSON");
    }

    @Test
    void uploadedFileNamesLoseTheirFoldersAndControlCharacters() {
        assertThat(LetterMapper.fileName("/home/alice/scan 1.pdf")).isEqualTo("scan 1.pdf");
        assertThat(LetterMapper.fileName("..\\..\\evil\u0000.tif")).isEqualTo("evil.tif");
        assertThat(LetterMapper.fileName("")).isEqualTo("scan");
        assertThat(LetterMapper.fileName("x".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
    }
}
