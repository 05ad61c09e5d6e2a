package io.contacthub.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The limits in front of the public message endpoint, checked before any work is done. */
class PublicIntakeLimitsTest {

    private final PublicIntakeLimits limits = new PublicIntakeLimits(1000, 3, 1000);

    @Test
    void fourthMessageInAMinuteFromOneAddressIsRefusedWith429AndRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("10.0.0.1", "{}").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = post("10.0.0.1", "{}");
        assertThat(refused.getStatus()).isEqualTo(429);
        // 3 a minute refill one every 20 s
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 20);
        assertThat(refused.getContentAsString()).contains("too many messages");
    }

    @Test
    void anotherAddressKeepsItsOwnAllowance() throws Exception {
        for (int i = 0; i < 4; i++) {
            post("10.0.0.2", "{}");
        }
        assertThat(post("10.0.0.3", "{}").getStatus()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413BeforeTheControllerSeesIt() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        limits.doFilter(request("10.0.0.4", "x".repeat(1001)), response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).as("the controller never saw it").isNull();
    }

    @Test
    void bodyWithinTheLimitReachesTheControllerIntact() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        limits.doFilter(request("10.0.0.5", "{\"a\":1}"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void percentEncodedSpellingOfThePathIsLimitedLikeThePlainOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            post("10.0.0.6", "{}");
        }
        for (String spelling : new String[] {"/api/%6Dessages", "/api/%6d%65ssages", "/api/messages;jsessionid=0123"}) {
            MockHttpServletRequest request = request("10.0.0.6", "{}");
            request.setRequestURI(spelling);
            MockHttpServletResponse response = new MockHttpServletResponse();
            limits.doFilter(request, response, new MockFilterChain());
            assertThat(response.getStatus()).as(spelling).isEqualTo(429);
        }
        MockHttpServletRequest big = request("10.0.0.7", "x".repeat(1001));
        big.setRequestURI("/api/%6Dessages");
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(big, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void allClientsTogetherAreHeldToTheGlobalBudgetAndRefusedOnesDoNotUseIt() throws Exception {
        PublicIntakeLimits small = new PublicIntakeLimits(1000, 2, 5);
        for (int i = 0; i < 3; i++) { // over its own budget: refused for itself, takes nothing from the rest
            small.doFilter(request("10.1.0.1", "{}"), new MockHttpServletResponse(), new MockFilterChain());
        }
        int accepted = 0;
        for (int client = 2; client <= 10; client++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            small.doFilter(request("10.1.0." + client, "{}"), response, new MockFilterChain());
            if (response.getStatus() == 200) {
                accepted++;
            } else {
                assertThat(response.getStatus()).isEqualTo(429);
                assertThat(response.getContentAsString()).contains("too many messages right now");
            }
        }
        assertThat(accepted).as("5 a minute for everyone, 2 of them used by the first client").isEqualTo(3);
    }

    @Test
    void otherEndpointsAreNotLimited() throws Exception {
        MockHttpServletRequest staff = new MockHttpServletRequest("GET", "/api/tickets");
        MockFilterChain chain = new MockFilterChain();
        for (int i = 0; i < 10; i++) {
            chain = new MockFilterChain();
            limits.doFilter(staff, new MockHttpServletResponse(), chain);
        }
        assertThat(chain.getRequest()).isNotNull();
    }

    private MockHttpServletResponse post(String address, String body) throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request(address, body), response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest request(String address, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/messages");
        request.setRemoteAddr(address);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
