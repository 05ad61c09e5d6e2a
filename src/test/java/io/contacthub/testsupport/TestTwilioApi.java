package io.contacthub.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * One WireMock server standing in for Twilio's REST API (https://api.twilio.com) for the whole test
 * run: the hub's {@code hub.twilio.api-url} points here, so recording URLs Twilio would serve from
 * api.twilio.com are fetched from it. Tests stub their own, unique paths.
 */
public final class TestTwilioApi {

    private static WireMockServer server;

    private TestTwilioApi() {
    }

    public static synchronized WireMockServer shared() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return shared().baseUrl();
    }
}
