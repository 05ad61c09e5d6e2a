package io.contacthub.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * One WireMock server standing in for an integrator's system behind the generic webhook channel, for the whole test
 * run: the test hub's webhook source {@code shop} posts its answers to {@link #replyUrl()}, and fetches attachment URLs
 * from {@link #origin()} (its only allowed attachment host). Tests stub their own, unique file paths.
 */
public final class TestIntegrator {

    public static final String REPLIES = "/integrator/replies";

    private static WireMockServer server;

    private TestIntegrator() {
    }

    public static synchronized WireMockServer shared() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            // The integrator accepts every answer, with an id of its own, unless a test stubs otherwise.
            server.stubFor(WireMock.post(WireMock.urlPathEqualTo(REPLIES)).atPriority(10)
                    .willReturn(WireMock.aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"id\": \"reply-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                            .withTransformers("response-template")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** {@code http://localhost:<port>}: the origin attachments may be fetched from. */
    public static String origin() {
        return "http://localhost:" + shared().port();
    }

    public static String replyUrl() {
        return origin() + REPLIES;
    }

    /** The answers the hub posted whose body mentions {@code text} (a ticket reference), oldest first. */
    public static List<LoggedRequest> repliesMentioning(String text) {
        return shared().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(REPLIES))).stream()
                .filter(r -> r.getBodyAsString().contains(text)).toList();
    }
}
