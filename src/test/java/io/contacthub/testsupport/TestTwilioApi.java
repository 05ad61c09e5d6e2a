package io.contacthub.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * One WireMock server standing in for Twilio's REST API (https://api.twilio.com) for the whole test
 * run: the hub's {@code hub.twilio.api-url} points here, so recording URLs Twilio would serve from
 * api.twilio.com are fetched from it, and the texts and calls the hub sends arrive here. Tests stub
 * their own, unique paths.
 */
public final class TestTwilioApi {

    private static WireMockServer server;

    private TestTwilioApi() {
    }

    public static synchronized WireMockServer shared() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            // Twilio accepts every text and call the hub sends, each with a fresh SID, unless a test
            // stubs a fault for its own recipient (more specific stubs with a higher priority).
            for (String resource : new String[] {"Messages", "Calls"}) {
                String prefix = resource.equals("Messages") ? "SM" : "CA";
                server.stubFor(WireMock.post(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/" + resource + "\\.json"))
                        .atPriority(10)
                        .willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                .withBody("{\"sid\": \"" + prefix + "{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")
                                .withTransformers("response-template")));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return shared().baseUrl();
    }

    /** The texts the hub asked Twilio to send to this number, oldest first. */
    public static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> textsTo(String phone) {
        return created("Messages", phone);
    }

    /** The calls the hub asked Twilio to place to this number. */
    public static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> callsTo(String phone) {
        return created("Calls", phone);
    }

    /** One form field of a request the hub sent to Twilio, decoded. */
    public static String formValue(com.github.tomakehurst.wiremock.verification.LoggedRequest request, String name) {
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> created(String resource, String phone) {
        return shared().findAll(WireMock.postRequestedFor(WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/" + resource + "\\.json"))
                .withRequestBody(WireMock.containing("To=" + phone.replace("+", "%2B"))));
    }
}
