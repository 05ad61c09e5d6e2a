package io.contacthub.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * One WireMock server standing in for the centre's order, tracking and complaint systems (the
 * systems outside the hub's walls) for the whole test run. The hub's
 * {@code hub.backoffice.*.url} point at {@link #ORDER}, {@link #TRACKING} and {@link #COMPLAINT}
 * below it; tests stub what those systems answer, faults included.
 */
public final class TestBackOffice {

    public static final String ORDER = "/order-system";
    public static final String TRACKING = "/tracking";
    public static final String COMPLAINT = "/complaint-system";

    private static WireMockServer server;

    private TestBackOffice() {
    }

    public static synchronized WireMockServer shared() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String url(String system) {
        return shared().baseUrl() + system;
    }
}
