package io.contacthub.channel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.contacthub.http.BoundedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public message endpoint is open to the internet, so it is bounded: a body size limit (413)
 * and a per-client rate limit (429 with Retry-After), checked before any work is done.
 */
@Component
class PublicIntakeLimits extends OncePerRequestFilter {

    private final int maxBodyBytes;
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    PublicIntakeLimits(@Value("${hub.web.max-body-bytes}") int maxBodyBytes,
                       @Value("${hub.web.rate-limit-per-minute}") int perMinute) {
        this.maxBodyBytes = maxBodyBytes;
        this.perMinute = perMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/api/messages".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.get(request.getRemoteAddr(), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        if (!bucket.tryConsume(1)) {
            response.setHeader("Retry-After", "60");
            BoundedBody.refuse(response, 429, "too many messages from your address; try again in a minute");
            return;
        }
        byte[] body = BoundedBody.read(request, maxBodyBytes);
        if (body == null) {
            BoundedBody.refuse(response, 413, "message body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        chain.doFilter(BoundedBody.replay(request, body), response);
    }
}
