package io.contacthub.twilio;

import io.contacthub.config.HubSettings;
import io.contacthub.http.BoundedBody;
import io.contacthub.intake.SourceHealth;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request to {@code /twilio/**} must carry a valid {@code X-Twilio-Signature}; anything else
 * is refused before any work is done, so a forged or unsigned request leaves no record:
 * <ul>
 *   <li>503 when no auth token is configured (Twilio webhooks are off, never open);</li>
 *   <li>413 when the body is over {@code hub.twilio.max-body-bytes} (64 KiB);</li>
 *   <li>400 when a form body is not valid form encoding;</li>
 *   <li>403 when the signature is missing or wrong.</li>
 * </ul>
 * The URL checked is {@code hub.public-url} + the request's path and query when set (a hub behind a
 * proxy or tunnel), else the URL the request arrived at. A request that passes goes on with its
 * body readable again and available to the handler through {@link #verifiedBody}. Runs before
 * Spring Security, so nothing reads the form body before it does.
 */
@Component
public class TwilioWebhookFilter extends OncePerRequestFilter implements Ordered {

    public static final String PATH_PREFIX = "/twilio/";
    private static final String BODY_ATTRIBUTE = TwilioWebhookFilter.class.getName() + ".body";
    private static final String PARAMS_ATTRIBUTE = TwilioWebhookFilter.class.getName() + ".params";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookFilter.class);

    private final String authToken;
    private final String publicUrl;
    private final int maxBodyBytes;
    private final SourceHealth health;

    public TwilioWebhookFilter(String authToken, String publicUrl, int maxBodyBytes) {
        this(authToken, publicUrl, maxBodyBytes, null);
    }

    /**
     * @param health where each webhook records its last success and last error (/actuator/health),
     *               like the mailboxes do; null in unit tests
     */
    @Autowired
    public TwilioWebhookFilter(TwilioSettings settings, HubSettings hub, SourceHealth health) {
        this(settings.authToken(), hub.publicUrl(), Math.toIntExact(settings.maxBodyBytes().toBytes()), health);
    }

    public TwilioWebhookFilter(String authToken, String publicUrl, int maxBodyBytes, SourceHealth health) {
        this.health = health;
        this.authToken = authToken == null ? "" : authToken.trim();
        this.publicUrl = publicUrl == null ? "" : publicUrl.trim().replaceAll("/+$", "");
        this.maxBodyBytes = maxBodyBytes;
        if (this.authToken.isEmpty()) {
            log.warn("Twilio webhooks (/twilio/**) are OFF: TWILIO_AUTH_TOKEN (hub.twilio.auth-token) is not set, "
                    + "so they answer 503 and accept nothing");
        } else {
            log.info("Twilio webhooks (/twilio/**) are on; signatures are checked against {}",
                    this.publicUrl.isEmpty() ? "the URL each request arrives at (set HUB_PUBLIC_URL behind a proxy)"
                            : this.publicUrl + "/twilio/...");
        }
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
    }

    public boolean isConfigured() {
        return !authToken.isEmpty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Decided on the path as Spring MVC routes it (decoded, ;params dropped), not the raw URI:
        // "/%74wilio/sms" reaches the same controller, so it must meet the same signature check.
        return !TWILIO_PATHS.matches(routedPath(request));
    }

    private static final org.springframework.web.util.pattern.PathPattern TWILIO_PATHS =
            org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse("/twilio/**");

    private static org.springframework.http.server.PathContainer routedPath(HttpServletRequest request) {
        if (org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return org.springframework.web.util.ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
        }
        var path = org.springframework.web.util.ServletRequestPathUtils.parseAndCache(request);
        org.springframework.web.util.ServletRequestPathUtils.clearParsedRequestPath(request); // DispatcherServlet parses its own
        return path.pathWithinApplication();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isConfigured()) {
            reject(request, response, 503, "Twilio not configured: the hub has no TWILIO_AUTH_TOKEN, so it cannot check "
                    + "webhook signatures and accepts none");
            return;
        }
        byte[] body = BoundedBody.read(request, maxBodyBytes);
        if (body == null) {
            reject(request, response, 413, "request body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        Map<String, List<String>> params = Map.of();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            try {
                params = FormBody.parse(body);
            } catch (IllegalArgumentException e) {
                reject(request, response, 400, "request body is not valid form encoding");
                return;
            }
        }
        String signature = request.getHeader(TwilioSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            log.warn("Twilio webhook {} refused: no {} header (from {})", request.getRequestURI(), TwilioSignature.HEADER,
                    request.getRemoteAddr());
            reject(request, response, 403, "missing " + TwilioSignature.HEADER + " header");
            return;
        }
        String url = signedUrl(request);
        boolean valid = TwilioSignature.queryParameter(url, "bodySHA256") != null && params.isEmpty()
                ? TwilioSignature.isValidWithBody(authToken, url, body, signature)
                : TwilioSignature.isValid(authToken, url, params, signature);
        if (!valid) {
            log.warn("Twilio webhook {} refused: invalid signature for {} (from {})", request.getRequestURI(), url,
                    request.getRemoteAddr());
            reject(request, response, 403, "invalid " + TwilioSignature.HEADER);
            return;
        }
        request.setAttribute(BODY_ATTRIBUTE, body);
        request.setAttribute(PARAMS_ATTRIBUTE, params);
        chain.doFilter(BoundedBody.replay(request, body), response);
        recordOutcome(request, response);
    }

    /** A verified webhook that the hub failed to take (5xx) shows in health; one it took clears that. */
    private void recordOutcome(HttpServletRequest request, HttpServletResponse response) {
        if (health == null) {
            return;
        }
        String source = "webhook:" + request.getRequestURI();
        if (response.getStatus() >= 500) {
            health.failed(source, "answered " + response.getStatus());
        } else {
            health.succeeded(source);
        }
    }

    /** The URL Twilio signed: the configured public URL + path + query, else the request's own URL. */
    String signedUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (!publicUrl.isEmpty()) {
            return publicUrl + request.getRequestURI() + query;
        }
        return request.getRequestURL().toString() + query;
    }

    /** The raw body of a request this filter verified (for the handler); fails on an unverified request. */
    public static byte[] verifiedBody(HttpServletRequest request) {
        Object body = request.getAttribute(BODY_ATTRIBUTE);
        if (!(body instanceof byte[] bytes)) {
            throw new IllegalStateException("request did not pass the Twilio signature check");
        }
        return bytes;
    }

    /** The form parameters of a request this filter verified. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> verifiedParams(HttpServletRequest request) {
        verifiedBody(request);
        return (Map<String, List<String>>) request.getAttribute(PARAMS_ATTRIBUTE);
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        BoundedBody.refuse(request, response, status, message);
    }
}
