package io.contacthub.channel.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.extract.speech.SpeechToText;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.twilio.TwilioMediaClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The recording half of the parser without a hub: URL rewrite, WAV check, with and without a speech model. */
class VoiceMessageParserTest {

    private static final String RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/ACtest0001/Recordings/REtest0001";
    private final List<String> downloaded = new ArrayList<>();

    @Test
    void twilioApiUrlIsRewrittenToTheConfiguredBaseAndOtherHostsAreRefused() {
        VoiceMessageParser parser = parser(null, "http://localhost:9999/");
        assertThat(parser.downloadUrl(RECORDING_URL))
                .isEqualTo("http://localhost:9999/2010-04-01/Accounts/ACtest0001/Recordings/REtest0001.wav");
        assertThat(parser.downloadUrl("http://localhost:9999/x/REtest0001.wav")).isEqualTo("http://localhost:9999/x/REtest0001.wav");
        assertThatThrownBy(() -> parser.downloadUrl("https://evil.example.com/REtest0001"))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not on Twilio's API");
        assertThat(parser(null, "").downloadUrl(RECORDING_URL)).isEqualTo(RECORDING_URL + ".wav");
    }

    @Test
    void waveWithoutADataChunkIsRefused() {
        byte[] headerOnly = new byte[] {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'};
        assertThatThrownBy(() -> VoiceMessageParser.checkWave(headerOnly, "RE1"))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("without a data chunk");
    }

    @Test
    void withAModelForTheLanguageTheTranscriptIsTheBodyAndTheFilesText() {
        SpeechToText stt = new FakeSpeech("zh", null);
        ParsedContent content = parser(stt, "http://localhost:9999").parse(recording("COMPLAINT", "zh"));
        assertThat(content.body()).isEqualTo("我的包裹破损了");
        assertThat(content.declaredFields()).containsEntry("intent", "COMPLAINT");
        assertThat(content.relatedExternalId()).isEqualTo("CAtest0001");
        ExtractedFile file = content.files().get(0);
        assertThat(file.contentType()).isEqualTo("audio/x-wav");
        assertThat(file.extractedText()).isEqualTo("我的包裹破损了");
        assertThat(file.extractedBy()).isEqualTo("vosk:vosk-model-small-cn-0.22");
        assertThat(file.extractionError()).isNull();
        assertThat(downloaded).containsExactly("http://localhost:9999/2010-04-01/Accounts/ACtest0001/Recordings/REtest0001.wav");
    }

    @Test
    void withAModelForAnotherLanguageOnlyTheVoicemailIsUntranscribedAndSaysWhy() {
        ParsedContent content = parser(new FakeSpeech("en", null), "http://localhost:9999").parse(recording("ORDER", "zh"));
        assertThat(content.body()).contains("not transcribed yet: no speech model configured for zh");
        assertThat(content.files().get(0).extractionError()).startsWith(SpeechToText.UNTRANSCRIBED_PREFIX);
    }

    @Test
    void audioTheRecogniserCannotReadFailsTheMessage() {
        SpeechToText stt = new FakeSpeech("zh", new SpeechToText.UnreadableAudioException("truncated RIFF"));
        assertThatThrownBy(() -> parser(stt, "http://localhost:9999").parse(recording("GENERAL", "zh")))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not readable audio: truncated RIFF");
    }

    private VoiceMessageParser parser(SpeechToText stt, String apiUrl) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (stt != null) {
            beans.addBean("speech", stt);
        }
        TwilioMediaClient media = new TwilioMediaClient("", "", 1_000_000, Duration.ofSeconds(1)) {
            @Override
            public Media download(String url) throws IOException {
                downloaded.add(url);
                return new Media(wav(), "audio/x-wav");
            }
        };
        return new VoiceMessageParser(media, Mockito.mock(MessageQueries.class), beans.getBeanProvider(SpeechToText.class), apiUrl);
    }

    private static StoredMessage recording(String intent, String lang) {
        String raw = "CallSid=CAtest0001&RecordingSid=REtest0001&RecordingStatus=completed&RecordingDuration=3&RecordingUrl="
                + java.net.URLEncoder.encode(RECORDING_URL, StandardCharsets.UTF_8) + "&intent=" + intent + "&lang=" + lang;
        return new StoredMessage(1, "VOICE", "REtest0001", "twilio:recording:CAtest0001", "+8613900000000",
                "application/x-www-form-urlencoded", raw.getBytes(StandardCharsets.UTF_8), MessageStatus.RECEIVED, 0,
                OffsetDateTime.now());
    }

    /** The smallest valid WAV: header, fmt chunk, a data chunk of two samples. */
    private static byte[] wav() {
        return new byte[] {'R', 'I', 'F', 'F', 40, 0, 0, 0, 'W', 'A', 'V', 'E',
                'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0, (byte) 0x80, 0x3e, 0, 0, 2, 0, 16, 0,
                'd', 'a', 't', 'a', 4, 0, 0, 0, 1, 0, 2, 0};
    }

    private record FakeSpeech(String language, RuntimeException failure) implements SpeechToText {
        @Override
        public boolean available(String lang) {
            return lang == null || language.equals(lang);
        }

        @Override
        public Transcript transcribe(byte[] audio, String contentType, String lang) {
            if (failure != null) {
                throw failure;
            }
            return new Transcript("我的包裹破损了", 0.9, List.of(), "vosk-model-small-cn-0.22", 1.0);
        }
    }

}
