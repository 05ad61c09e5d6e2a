package io.contacthub.web.browser;

import io.contacthub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test class driving the shared test hub through one headless Chromium, started once for the class and
 * signed in as {@code admin} unless {@link #signsInAsAdmin()} says otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    Browser browser;

    /** False for pages strangers see first (the portal): the browser starts signed out. */
    boolean signsInAsAdmin() {
        return true;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    @BeforeAll
    void startBrowser() {
        browser = new Browser(baseUrl());
        if (signsInAsAdmin()) {
            browser.signInStaff("admin", ADMIN_PASSWORD);
        }
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
