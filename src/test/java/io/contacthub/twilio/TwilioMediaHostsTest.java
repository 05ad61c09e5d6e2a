package io.contacthub.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Media are fetched only from Twilio (its hosts over HTTPS, or the configured hub.twilio.api-url,
 * here a real HTTP server standing in for it), a redirect elsewhere is refused before it is
 * followed, and a slow peer is cut off by the read timeout.
 */
class TwilioMediaHostsTest {

    private static WireMockServer twilio;
    private static WireMockServer elsewhere;
    private static TwilioMediaClient client;

    @BeforeAll
    static void servers() {
        twilio = new WireMockServer(wireMockConfig().dynamicPort());
        elsewhere = new WireMockServer(wireMockConfig().dynamicPort());
        twilio.start();
        elsewhere.start();
        elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withBody("internal secrets")));
        client = new TwilioMediaClient("ACtest", "token", 1_000, Duration.ofSeconds(2), Duration.ofSeconds(2),
                twilio.baseUrl(), TwilioMediaClient.TWILIO_MEDIA_HOSTS);
    }

    @AfterAll
    static void stop() {
        twilio.stop();
        elsewhere.stop();
    }

    @Test
    void mediaFromTheConfiguredTwilioApiIsDownloaded() throws IOException {
        twilio.stubFor(get(urlEqualTo("/Media/ME1")).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody("jpeg")));
        TwilioMediaClient.Media media = client.download(twilio.baseUrl() + "/Media/ME1");
        assertThat(new String(media.content())).isEqualTo("jpeg");
        assertThat(media.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void mediaUrlOnAnotherHostIsRefusedWithoutAsking() {
        elsewhere.resetRequests();
        assertThatThrownBy(() -> client.download(elsewhere.baseUrl() + "/latest/meta-data"))
                .isInstanceOf(IOException.class).hasMessageContaining("not one of Twilio's media hosts");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectToAnotherHostIsRefusedBeforeItIsFollowed() {
        elsewhere.resetRequests();
        twilio.stubFor(get(urlEqualTo("/Media/ME2")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", elsewhere.baseUrl() + "/storage/ME2")));
        assertThatThrownBy(() -> client.download(twilio.baseUrl() + "/Media/ME2"))
                .isInstanceOf(IOException.class).hasMessageContaining("refused a redirect to " + elsewhere.baseUrl());
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectWithinTwilioIsFollowed() throws IOException {
        twilio.stubFor(get(urlEqualTo("/Media/ME3")).willReturn(aResponse().withStatus(302).withHeader("Location", "/cdn/ME3")));
        twilio.stubFor(get(urlEqualTo("/cdn/ME3")).willReturn(aResponse().withBody("pdf")));
        assertThat(new String(client.download(twilio.baseUrl() + "/Media/ME3").content())).isEqualTo("pdf");
    }

    @Test
    void peerThatTricklesItsBodyIsCutOffByTheReadTimeout() {
        twilio.stubFor(get(urlEqualTo("/Media/slow")).willReturn(aResponse().withBody("x".repeat(500))
                .withChunkedDribbleDelay(50, 10_000)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.download(twilio.baseUrl() + "/Media/slow"))
                .isInstanceOf(IOException.class).hasMessageContaining("no complete answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void peerThatSendsNoHeadersIsCutOffToo() {
        twilio.stubFor(get(urlEqualTo("/Media/silent")).willReturn(aResponse().withBody("late").withFixedDelay(10_000)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.download(twilio.baseUrl() + "/Media/silent"))
                .isInstanceOf(IOException.class).hasMessageContaining("within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void bodyOverTheLimitIsRefused() {
        twilio.stubFor(get(urlEqualTo("/Media/big")).willReturn(aResponse().withBody("x".repeat(1_001))));
        assertThatThrownBy(() -> client.download(twilio.baseUrl() + "/Media/big"))
                .isInstanceOf(IOException.class).hasMessageContaining("over the limit of 1000");
    }

    @Test
    void onlyTwilioHostsOverHttpsAreAllowed() {
        TwilioMediaClient production = new TwilioMediaClient("", "", 1_000, Duration.ofSeconds(1));
        assertThat(production.allowed(URI.create("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"))).isTrue();
        assertThat(production.allowed(URI.create("https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"))).isTrue();
        assertThat(production.allowed(URI.create("https://mms.twiliocdn.com/AC1/abc"))).isTrue();
        assertThat(production.allowed(URI.create("https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc"))).isTrue();

        assertThat(production.allowed(URI.create("http://api.twilio.com/2010-04-01/x"))).as("not HTTPS").isFalse();
        assertThat(production.allowed(URI.create("https://api.twilio.com:8443/x"))).as("another port").isFalse();
        assertThat(production.allowed(URI.create("https://api.twilio.com.evil.example/x"))).isFalse();
        assertThat(production.allowed(URI.create("https://eviltwilio.com/x"))).isFalse();
        assertThat(production.allowed(URI.create("https://s3-external-1.amazonaws.com/attacker-bucket/x"))).isFalse();
        assertThat(production.allowed(URI.create("https://user@api.twilio.com/x"))).isFalse();
        assertThat(production.allowed(URI.create("https://169.254.169.254/latest/meta-data"))).isFalse();
    }
}
