package io.contacthub.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * An error answer of the hub's HTTP API (staff API, {@code POST /api/messages}, webhooks) as RFC 9457
 * problem details, {@code application/problem+json}:
 * <pre>
 * {"title": "Not Found", "status": 404, "detail": "no ticket CH-000099",
 *  "instance": "/api/tickets/CH-000099", "message": "no ticket CH-000099"}
 * </pre>
 * No {@code type}: the hub's problems are plain HTTP statuses, {@code about:blank} (RFC 9457, 3.1.1),
 * which is what an absent type means and how Spring writes it.
 * {@code message} repeats {@code detail} for clients written against the hub's earlier
 * {@code {"message": ...}} bodies. Invalid input adds {@code errors} ({@code {field: text}}, as before)
 * and {@code fieldErrors} ({@code [{"field", "message"}]}, one entry per violation). The text is always
 * the hub's own, never an exception's.
 * <p>
 * This class is the one place that shape is made: controllers throw it (an {@link ErrorResponseException},
 * answered by the web layer's {@code ApiErrors} advice; a module that may not use this one, the voice channel,
 * throws Spring's {@code ResponseStatusException}, which the advice answers the same way), local exception handlers return
 * {@link #toResponse()}, filters that refuse a request before Spring MVC runs call {@link #write}, and
 * {@code /error} (what Spring Security, Tomcat and unexpected exceptions end in) builds its body with
 * {@link #asMap}. HTML pages (console, portal) never get one: their errors stay pages.
 */
public class ApiProblem extends ErrorResponseException {

    public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;
    /** The same text as {@code detail}, for clients of the earlier error bodies. */
    public static final String MESSAGE = "message";
    /** Invalid input: {@code {field: text}}, several messages for one field joined with "; ". */
    public static final String ERRORS = "errors";
    /** Invalid input: {@code [{"field": ..., "message": ...}]}, one entry per violation, in order. */
    public static final String FIELD_ERRORS = "fieldErrors";
    public static final String INVALID_INPUT = "invalid input";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One invalid field (or header, or the whole request's rule) and what is wrong with it. */
    public record FieldMessage(String field, String message) {
    }

    public ApiProblem(HttpStatusCode status, String detail) {
        super(status, problem(status, detail), null);
    }

    /** A refusal with the hub's own text; throw it from a controller. */
    public static ApiProblem of(HttpStatusCode status, String detail) {
        return new ApiProblem(status, detail);
    }

    public static ApiProblem of(int status, String detail) {
        return new ApiProblem(HttpStatusCode.valueOf(status), detail);
    }

    /** 400 "invalid input" naming each field that is wrong. */
    public static ApiProblem invalid(List<FieldMessage> fields) {
        ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, INVALID_INPUT);
        withFields(problem.getBody(), fields);
        return problem;
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldMessage(field, message)));
    }

    /** Adds a response header (e.g. Retry-After) to the answer. */
    public ApiProblem header(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    /** The answer for a local {@code @ExceptionHandler} (which cannot throw): status, headers, problem body. */
    public ResponseEntity<ProblemDetail> toResponse() {
        return ResponseEntity.status(getStatusCode()).headers(getHeaders()).contentType(MEDIA_TYPE).body(getBody());
    }

    /** A problem with {@code message} set to the detail; title is the status' reason phrase. */
    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return decorate(problem);
    }

    /** What every problem the hub answers carries beyond Spring's: a title, and {@code message} = detail. */
    public static ProblemDetail decorate(ProblemDetail problem) {
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(problem.getStatus());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        if (problem.getDetail() == null) {
            problem.setDetail(problem.getTitle());
        }
        problem.setProperty(MESSAGE, problem.getDetail());
        return problem;
    }

    /** Sets {@code errors} and {@code fieldErrors} from the list. */
    public static ProblemDetail withFields(ProblemDetail problem, List<FieldMessage> fields) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<Map<String, String>> list = new ArrayList<>();
        for (FieldMessage f : fields) {
            byField.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("field", f.field());
            entry.put("message", f.message());
            list.add(entry);
        }
        problem.setProperty(ERRORS, byField);
        problem.setProperty(FIELD_ERRORS, list);
        return problem;
    }

    /** The problem as the JSON object the hub writes: type, title, status, detail, instance, then the extensions. */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null && !"about:blank".equals(problem.getType().toString())) {
            body.put("type", problem.getType().toString()); // absent means about:blank (RFC 9457, 3.1.1), as Spring writes it
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** For filters that refuse a request before Spring MVC sees it: writes the problem as the answer. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        ProblemDetail problem = problem(HttpStatusCode.valueOf(status), detail);
        problem.setInstance(instance(request));
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(asMap(problem)));
    }

    /** The request's path (without the query, which may carry what the caller would not want echoed). */
    public static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null; // a path Tomcat let through but java.net.URI refuses: leave it out
        }
    }
}
