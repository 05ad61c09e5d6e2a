package io.contacthub.web;

import io.contacthub.http.WebSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address every limit, sign-in throttle and log line of the hub uses
 * ({@code request.getRemoteAddr()} downstream of this filter).
 * <p>
 * Behind a reverse proxy the TCP peer is the proxy, and the client is named in a forwarded header.
 * Anyone can write such a header, so it is read only when the peer is one of
 * {@code hub.web.trusted-proxies} (addresses or CIDR ranges; none by default). The header is read
 * right to left, skipping trusted proxies: the first address that is not a trusted proxy is the
 * client. The left-most entry is never taken on trust, because a proxy appends to what the client
 * sent ({@code X-Forwarded-For: <whatever the client wrote>, <client>}). An entry that is not an IP
 * literal ({@code unknown}, an obfuscated {@code _name}) ends the walk at the last trusted hop.
 * <p>
 * From a trusted peer the other forwarded parts (scheme, host, port, prefix) are applied by
 * Spring's {@link ForwardedHeaderFilter}, so redirects and signed URLs name the public address; from
 * any other peer all forwarded headers are removed, so nothing downstream can be misled by them.
 * This replaces {@code server.forward-headers-strategy} (kept at {@code none}): Tomcat's native
 * valve trusts every private address by default and Spring's filter alone trusts every peer.
 */
@Component
class ClientAddress extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(ClientAddress.class);
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    enum Header { X_FORWARDED_FOR, FORWARDED }

    private final List<IpAddressMatcher> trusted;
    private final List<String> trustedNames;
    private final Header header;
    private final ForwardedHeaderFilter apply = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter strip = new ForwardedHeaderFilter();

    @Autowired
    ClientAddress(WebSettings web, @Value("${server.forward-headers-strategy:none}") String strategy) {
        this(web.trustedProxies(), web.forwardedHeader());
        if (!"none".equalsIgnoreCase(strategy.trim())) {
            // Either would rewrite the address before this filter runs, from peers it did not choose.
            throw new IllegalStateException("server.forward-headers-strategy=" + strategy + " is not supported: "
                    + "leave it at none and list your proxies in hub.web.trusted-proxies");
        }
        if (!trusted.isEmpty()) {
            log.info("Client addresses: {} is read from the trusted proxies {}", headerName(), trustedNames);
        }
    }

    ClientAddress(List<String> trustedProxies, String header) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String proxy : trustedProxies == null ? List.<String>of() : trustedProxies) {
            if (proxy != null && !proxy.isBlank()) {
                matchers.add(new IpAddressMatcher(proxy.trim())); // refuses host names: no DNS on the request path
                names.add(proxy.trim());
            }
        }
        this.trusted = List.copyOf(matchers);
        this.trustedNames = List.copyOf(names);
        String h = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
        this.header = switch (h) {
            case "", "x-forwarded-for" -> Header.X_FORWARDED_FOR;
            case "forwarded" -> Header.FORWARDED;
            default -> throw new IllegalArgumentException("hub.web.forwarded-header must be X-Forwarded-For or Forwarded, not " + header);
        };
        strip.setRemoveOnly(true);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // before Spring Security and every limit
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        doFilterInternal(request, response, chain); // the error page is dispatched with the unwrapped request
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            strip.doFilter(request, response, chain);
            return;
        }
        String client = resolve(peer, Collections.list(request.getHeaders(headerName())));
        apply.doFilter(request, response, (req, res) -> chain.doFilter(new Forwarded((HttpServletRequest) req, client), res));
    }

    /** The client: the right-most address in the header chain that is not a trusted proxy, else the peer. */
    String resolve(String peer, List<String> headerLines) {
        List<String> hops = new ArrayList<>();
        for (String line : headerLines) {
            for (String element : line.split(",")) {
                hops.add(element.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(client)) {
                break;
            }
            String address = header == Header.FORWARDED ? forwardedFor(hops.get(i)) : hops.get(i);
            String literal = literal(address);
            if (literal == null) {
                break; // "unknown", an obfuscated name or garbage: the last trusted hop is all we know
            }
            client = literal;
        }
        return client;
    }

    boolean isTrusted(String address) {
        if (trusted.isEmpty() || literal(address) == null) {
            return false;
        }
        for (IpAddressMatcher matcher : trusted) {
            if (matcher.matches(address)) {
                return true;
            }
        }
        return false;
    }

    private String headerName() {
        return header == Header.FORWARDED ? "Forwarded" : "X-Forwarded-For";
    }

    /** The {@code for=} node of one RFC 7239 element, quotes, brackets and port removed; null when absent. */
    static String forwardedFor(String element) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                String node = pair.substring(eq + 1).trim();
                if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
                    node = node.substring(1, node.length() - 1);
                }
                if (node.startsWith("[")) {
                    int close = node.indexOf(']');
                    return close < 0 ? null : node.substring(1, close);
                }
                int colon = node.indexOf(':');
                return colon < 0 ? node : node.substring(0, colon);
            }
        }
        return null;
    }

    /** The address in its canonical text form when {@code s} is an IPv4 or IPv6 literal; null otherwise (never a DNS lookup). */
    static String literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        String candidate = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getHostAddress(); // a literal: only its form is checked
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static final class Forwarded extends HttpServletRequestWrapper {
        private final String client;

        Forwarded(HttpServletRequest request, String client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }
    }
}
