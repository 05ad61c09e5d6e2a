package io.contacthub.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attachment downloads against a WireMock file host, without Spring: the allow-list holds for redirects, sizes and time are capped. */
class WebhookAttachmentFetcherTest {

    private static WireMockServer files;
    private final AttachmentFetcher fetcher = new AttachmentFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @BeforeAll
    static void start() {
        files = new WireMockServer(wireMockConfig().dynamicPort());
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop();
    }

    @Test
    void aFileOnAnAllowedHostIsFetchedWithItsTypeAndARedirectOnTheSameHostIsFollowed() throws Exception {
        String target = path();
        String moved = path();
        files.stubFor(get(urlPathEqualTo(target)).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("hello")));
        files.stubFor(get(urlPathEqualTo(moved)).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
        AttachmentFetcher.Fetched fetched = fetcher.fetch(localhost() + moved, allowed(), 100);
        assertThat(fetched.content()).asString().isEqualTo("hello");
        assertThat(fetched.contentType()).isEqualTo("text/plain");
    }

    @Test
    void aRedirectToAHostOffTheListIsRefusedAndNotFollowed() {
        String moved = path();
        String inside = path();
        files.stubFor(get(urlPathEqualTo(moved)).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://127.0.0.1:" + files.port() + inside)));
        assertThatThrownBy(() -> fetcher.fetch(localhost() + moved, allowed(), 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("refused a redirect to http://127.0.0.1:");
        assertThat(files.findAll(anyRequestedFor(urlPathEqualTo(inside)))).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsRefusedWhetherItSaysSoOrNot() {
        String declared = path();
        files.stubFor(get(urlPathEqualTo(declared)).willReturn(aResponse().withBody(new byte[5000])));
        assertThatThrownBy(() -> fetcher.fetch(localhost() + declared, allowed(), 1000))
                .hasMessageContaining("over the source's limit of 1000 bytes");
        String chunked = path();
        files.stubFor(get(urlPathEqualTo(chunked)).willReturn(aResponse().withBody(new byte[5000])
                .withChunkedDribbleDelay(5, 100)));
        assertThatThrownBy(() -> fetcher.fetch(localhost() + chunked, allowed(), 1000))
                .hasMessageContaining("over the source's limit of 1000 bytes");
    }

    @Test
    void aHostThatTricklesIsCutOffAtTheTimeout() {
        String slow = path();
        files.stubFor(get(urlPathEqualTo(slow)).willReturn(aResponse().withBody(new byte[200]).withChunkedDribbleDelay(20, 4000)));
        assertThatThrownBy(() -> fetcher.fetch(localhost() + slow, allowed(), 1000)).hasMessageContaining("within 2 s");
    }

    @Test
    void anErrorAnswerNamesItsStatus() {
        String gone = path();
        files.stubFor(get(urlPathEqualTo(gone)).willReturn(aResponse().withStatus(404).withBody("not here")));
        assertThatThrownBy(() -> fetcher.fetch(localhost() + gone, allowed(), 1000)).hasMessageContaining("HTTP 404 from http://localhost:");
        assertThatThrownBy(() -> fetcher.fetch("not a url at all", allowed(), 1000)).hasMessageContaining("not a URL");
    }

    private static String localhost() {
        return "http://localhost:" + files.port();
    }

    private static List<WebhookSettings.HostRule> allowed() {
        return List.of(WebhookSettings.HostRule.parse(localhost()));
    }

    private static String path() {
        return "/files/" + UUID.randomUUID();
    }
}
