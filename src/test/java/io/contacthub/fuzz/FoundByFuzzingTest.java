package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.extract.speech.AudioDecoder;
import io.contacthub.extract.speech.SpeechToText.UnreadableAudioException;
import io.contacthub.extract.speech.TestAudio;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What the fuzz harnesses found, each as a plain test of the behaviour that was wrong (the crashing
 * inputs themselves are kept as regression inputs under
 * {@code src/test/resources/io/contacthub/fuzz/<Harness>Inputs/<method>/}).
 */
class FoundByFuzzingTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private static ParsedContent parseStoredWebMessage(String raw) throws Throwable {
        Object parser = Internals.constructor("io.contacthub.channel.web.WebMessageParser", ObjectMapper.class).invoke(JSON);
        MethodHandle parse = Internals.method("io.contacthub.channel.web.WebMessageParser", "parse",
                ParsedContent.class, StoredMessage.class);
        StoredMessage stored = new StoredMessage(7, "WEB", "key:k", "203.0.113.9", null, "application/json",
                Seeds.utf8(raw), MessageStatus.RECEIVED, 0, OffsetDateTime.now());
        return (ParsedContent) parse.invoke(parser, stored);
    }

    /** Was a NullPointerException (new StringBuilder(null)), failing as "processing error: NullPointerException". */
    @Test
    void storedWebMessageWithoutBodyIsUnreadableWithAReasonNotANullPointer() {
        assertThatThrownBy(() -> parseStoredWebMessage("{\"email\":\"a@example.com\",\"subject\":\"x\"}"))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessage("stored web message has no body");
    }

    /** Was a NullPointerException: Jackson reads the JSON literal null as a null request. */
    @Test
    void storedWebMessageThatIsJsonNullIsUnreadable() {
        assertThatThrownBy(() -> parseStoredWebMessage("null"))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("JSON null");
    }

    /** Was decoded "successfully" into zero samples (µ-law header claiming 520,101,696 Hz). */
    @Test
    void wavWhoseHeaderClaimsAnAbsurdSampleRateIsRefused() {
        byte[] wav = TestAudio.wav(TestAudio.sine(440, 8000, 0.01, 0.3), 520_101_696, 1);
        assertThatThrownBy(() -> AudioDecoder.decode(wav, "audio/x-wav", 16000))
                .isInstanceOf(UnreadableAudioException.class)
                .hasMessageContaining("sample rate 5.201");
    }

    /** Was resampled 16,000-fold: a 1 Hz header turned 4,000 samples into 64 million (memory and CPU for seconds). */
    @Test
    void wavWhoseHeaderClaimsOneHertzIsRefusedBeforeResampling() {
        byte[] wav = TestAudio.wav(TestAudio.sine(0.1, 1, 4000, 0.3), 1, 1);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(
                () -> AudioDecoder.decode(wav, "audio/x-wav", 16000))
                .isInstanceOf(UnreadableAudioException.class)
                .hasMessageContaining("sample rate 1.0 Hz"));
    }

    /** Was a Pcm of zero samples: one sample at 48 kHz is no sample at 16 kHz. */
    @Test
    void wavTooShortForOneSampleAtTheModelRateIsRefused() {
        byte[] wav = TestAudio.wav(new short[] {1000}, 48000, 1);
        assertThatThrownBy(() -> AudioDecoder.decode(wav, "audio/x-wav", 16000))
                .isInstanceOf(UnreadableAudioException.class)
                .hasMessageContaining("audio too short");
    }

    /** Hung for ever in AudioInputStream.readAllBytes (a 7,683-channel header: frames larger than its buffer's free space). */
    @Test
    void wavWithThousandsOfChannelsIsRefusedInsteadOfHanging() {
        short[] samples = new short[800]; // less than one frame of data, as in the input found
        byte[] wav = TestAudio.wav(samples, 8000, 7683);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> AudioDecoder.decode(wav, "audio/x-wav", 16000))
                .isInstanceOf(UnreadableAudioException.class)
                .hasMessageContaining("7683 channels"));
    }

    /** The same read, within the channel limit: whole frames are read to the end, nothing lost or repeated. */
    @Test
    void wavFramesAreReadToTheEndWhateverTheirSize() {
        int channels = 32;
        int frames = 5000; // 320,000 bytes, several read buffers
        short[] interleaved = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                interleaved[f * channels + c] = (short) (f % 1000);
            }
        }
        AudioDecoder.Pcm pcm = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> AudioDecoder.decode(TestAudio.wav(interleaved, 8000, channels), "audio/x-wav"));
        org.assertj.core.api.Assertions.assertThat(pcm.samples()).hasSize(frames);
        org.assertj.core.api.Assertions.assertThat(pcm.samples()[4999]).isEqualTo((short) 999);
    }

    /**
     * Was a NullPointerException out of PDFBox (a page tree node without its parent array) passing
     * through ScannedDocumentReader: a fax failed as "processing error: NullPointerException".
     */
    @Test
    void corruptPdfThatPdfBoxFailsOnWithANullPointerIsUnreadableWithAReason() throws Exception {
        byte[] input;
        try (var in = getClass().getResourceAsStream(
                "ScannedDocumentFuzzTestInputs/pagesAreReadWithinLimitsOrRefused/pdf-page-tree-null-pointer")) {
            input = in.readAllBytes();
        }
        byte[] pdf = java.util.Arrays.copyOfRange(input, 1, input.length); // the first byte is the harness's hint
        assertThatThrownBy(() -> ScannedDocumentFuzzTest.READER.read(pdf, "fax.pdf"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("application/pdf: corrupt or unreadable PDF (NullPointerException");
    }
}
