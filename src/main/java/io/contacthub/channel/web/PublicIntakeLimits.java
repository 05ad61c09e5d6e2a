package io.contacthub.channel.web;

import io.contacthub.http.BoundedBody;
import io.contacthub.http.RequestBudget;
import io.contacthub.http.RequestBudgets;
import io.contacthub.http.WebSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The public message endpoint is open to the internet, so it is bounded: a body size limit (413)
 * and a budget per client and for all clients together (429 with Retry-After), checked before any
 * work is done.
 * <p>
 * Which requests are limited is decided the way Spring MVC decides which requests the endpoint
 * serves: the path is parsed by {@link ServletRequestPathUtils} (percent-decoded per segment, path
 * parameters such as {@code ;jsessionid=} dropped) and matched with Spring's own
 * {@link PathPattern}, so {@code /api/%6Dessages} is limited exactly like {@code /api/messages}.
 * Spellings MVC would not route are not served at all (Spring Security's firewall answers 400 to
 * {@code //}, {@code %2F}, {@code ;} and dot segments first). {@link PublicIntakeGuard} refuses any
 * request that reaches the controller without having passed here, should the two ever disagree.
 */
@Component
class PublicIntakeLimits extends OncePerRequestFilter {

    /** Set on a request whose limits were checked, for {@link PublicIntakeGuard}. */
    static final String CHECKED = PublicIntakeLimits.class.getName() + ".checked";
    private static final PathPattern MESSAGES = PathPatternParser.defaultInstance.parse("/api/messages");

    private final int maxBodyBytes;
    private final RequestBudget budget;

    @Autowired
    PublicIntakeLimits(WebSettings web, RequestBudgets budgets) {
        this(web.maxBodyBytesInt(), budgets.perMinute("api-messages", web.rateLimitPerMinute(), web.globalRateLimitPerMinute()));
    }

    PublicIntakeLimits(int maxBodyBytes, int perClient, int global) {
        this(maxBodyBytes, new RequestBudget(perClient, global));
    }

    private PublicIntakeLimits(int maxBodyBytes, RequestBudget budget) {
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && isMessagesEndpoint(request));
    }

    /** Whether Spring MVC would route this request's path to {@code /api/messages}. */
    static boolean isMessagesEndpoint(HttpServletRequest request) {
        return MESSAGES.matches(pathWithinApplication(request));
    }

    private static PathContainer pathWithinApplication(HttpServletRequest request) {
        if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
        }
        RequestPath path = ServletRequestPathUtils.parseAndCache(request);
        ServletRequestPathUtils.clearParsedRequestPath(request); // DispatcherServlet parses its own
        return path.pathWithinApplication();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestBudget.Refusal refused = budget.take(request.getRemoteAddr());
        if (refused != null) {
            response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            BoundedBody.refuse(request, response, 429, refused.everyone()
                    ? "the hub is taking too many messages right now; try again in " + refused.retryAfterSeconds() + " s"
                    : "too many messages from your address; try again in " + refused.retryAfterSeconds() + " s");
            return;
        }
        byte[] body = BoundedBody.read(request, maxBodyBytes);
        if (body == null) {
            BoundedBody.refuse(request, response, 413, "message body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        request.setAttribute(CHECKED, Boolean.TRUE);
        chain.doFilter(BoundedBody.replay(request, body), response);
    }
}
