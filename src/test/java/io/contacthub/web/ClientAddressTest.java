package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which address is the client: forwarded headers only from trusted proxies, read from the right. */
class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5"), "X-Forwarded-For");

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnoredAndRemoved() throws Exception {
        ClientAddress none = new ClientAddress(List.of(), null);
        HttpServletRequest seen = pass(none, request("10.0.0.1", "X-Forwarded-For", "203.0.113.9"));
        assertThat(seen.getRemoteAddr()).isEqualTo("10.0.0.1");
        assertThat(seen.getHeader("X-Forwarded-For")).as("nothing downstream is misled by it").isNull();
    }

    @Test
    void untrustedPeerCannotNameAnotherClient() throws Exception {
        HttpServletRequest seen = pass(behindProxies, request("198.51.100.4", "X-Forwarded-For", "203.0.113.9"));
        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.4");
        assertThat(seen.getHeader("X-Forwarded-For")).isNull();
    }

    @Test
    void trustedProxyNamesTheClient() throws Exception {
        HttpServletRequest seen = pass(behindProxies, request("10.1.2.3", "X-Forwarded-For", "203.0.113.9"));
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
    }

    @Test
    void chainIsReadFromTheRightSkippingTrustedProxiesOnly() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("198.51.100.77, 203.0.113.9, 192.168.1.5")))
                .as("what the client wrote itself (left) is not believed").isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("198.51.100.77", "203.0.113.9, 10.9.9.9")))
                .as("several header lines").isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("unknown, 10.9.9.9"))).as("ends at the last trusted hop")
                .isEqualTo("10.9.9.9");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void forwardedHeaderOfRfc7239IsReadWhenConfigured() {
        ClientAddress rfc = new ClientAddress(List.of("10.0.0.0/8"), "Forwarded");
        assertThat(rfc.resolve("10.0.0.2", List.of("for=198.51.100.77, for=\"[2001:db8::17]:4711\";proto=https")))
                .isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(rfc.resolve("10.0.0.2", List.of("for=203.0.113.60:8080;by=10.0.0.2"))).isEqualTo("203.0.113.60");
        assertThat(rfc.resolve("10.0.0.2", List.of("for=_hidden"))).isEqualTo("10.0.0.2");
    }

    @Test
    void onlyIpLiteralsAreEverTakenSoNoNameIsLookedUp() {
        assertThat(ClientAddress.literal("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.literal("::1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ClientAddress.literal("localhost")).isNull();
        assertThat(ClientAddress.literal("1.2.3")).isNull();
        assertThat(ClientAddress.literal("999.1.1.1")).isNull();
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of(), "X-Real-IP")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletRequest request(String peer, String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tickets");
        request.setRemoteAddr(peer);
        request.addHeader(header, value);
        return request;
    }

    private static HttpServletRequest pass(ClientAddress filter, MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }
}
