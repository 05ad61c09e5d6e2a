package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * What an error answer may say: never a stack trace, an exception class or an exception's own
 * text, which for a database error is the SQL and the server's message. A message the hub wrote
 * for the caller is kept (a {@link ResponseStatusException}'s reason, a {@code sendError} text);
 * anything else gets the status' plain reason, and for 5xx a pointer to the log, where the whole
 * exception is. Tomcat's own error page (requests it refuses before Spring sees them) names no
 * server version and shows no report either.
 * <p>
 * {@code /error} (where Spring Security's 401/403, unmatched paths and unexpected exceptions end)
 * answers browsers with the HTML error page, as before, and every other caller with an RFC 9457
 * problem ({@link ApiProblem}): the same shape as the API's own refusals.
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

    static final String INTERNAL = "internal error; the hub's log has the details";

    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options.excluding(
                        ErrorAttributeOptions.Include.STACK_TRACE, ErrorAttributeOptions.Include.EXCEPTION,
                        ErrorAttributeOptions.Include.BINDING_ERRORS));
                attributes.remove("trace");
                attributes.remove("exception");
                attributes.remove("errors");
                Throwable error = getError(request);
                if (attributes.containsKey("message") && error != null && !(error instanceof ResponseStatusException)) {
                    int status = attributes.get("status") instanceof Integer s ? s : 500;
                    HttpStatus known = HttpStatus.resolve(status);
                    attributes.put("message", status >= 500 || known == null ? INTERNAL : known.getReasonPhrase());
                }
                return attributes;
            }
        };
    }

    /** Replaces Spring Boot's {@code /error} controller (it backs off when one exists). */
    @Bean
    BasicErrorController problemErrorController(ErrorAttributes errorAttributes, WebProperties web,
                                                ObjectProvider<ErrorViewResolver> views) {
        return new ProblemErrorController(errorAttributes, web, views);
    }

    /** Boot's error controller, with the JSON answer as problem details; the HTML page is unchanged. */
    static final class ProblemErrorController extends BasicErrorController {

        ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> views) {
            super(errorAttributes, web.getError(), views.orderedStream().toList());
        }

        @Override
        public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
            HttpStatus status = getStatus(request);
            if (status == HttpStatus.NO_CONTENT) {
                return new ResponseEntity<>(status);
            }
            Map<String, Object> attributes = getErrorAttributes(request, getErrorAttributeOptions(request, MediaType.ALL));
            ProblemDetail problem = ProblemDetail.forStatus(status);
            Object message = attributes.get("message");
            if (message instanceof String text && !text.isBlank() && !"No message available".equals(text)) {
                problem.setDetail(text);
            }
            if (attributes.get("path") instanceof String path) {
                try {
                    problem.setInstance(URI.create(path));
                } catch (IllegalArgumentException e) {
                    // a path java.net.URI refuses: leave it out
                }
            }
            ApiProblem.decorate(problem);
            return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE).body(ApiProblem.asMap(problem));
        }
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> quietTomcatErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(QuietErrorReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error page with the status only: no report text, no server name and version. */
    public static final class QuietErrorReportValve extends ErrorReportValve {
        public QuietErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }
    }
}
