package io.contacthub.channel.web;

import io.contacthub.http.BoundedBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The second half of {@link PublicIntakeLimits}: runs on what Spring MVC actually routed. A request
 * that reached the public message handler without its limits having been checked (a spelling of
 * the path the filter did not recognise, after a change to MVC's path matching) is refused rather
 * than served unbounded.
 */
@Configuration(proxyBeanMethods = false)
class PublicIntakeGuard implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PublicIntakeGuard.class);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (handler instanceof HandlerMethod method && WebMessageController.class.isAssignableFrom(method.getBeanType())
                && request.getAttribute(PublicIntakeLimits.CHECKED) == null) {
            log.warn("Refused {} {}: it reached the message API without its limits being checked", request.getMethod(),
                    request.getRequestURI());
            BoundedBody.refuse(request, response, 400, "use the path /api/messages as it is written");
            return false;
        }
        return true;
    }
}
