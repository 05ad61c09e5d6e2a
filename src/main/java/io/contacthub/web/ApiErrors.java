package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API ({@code @RestController}s: the staff API, {@code POST /api/messages}, the
 * webhooks) as RFC 9457 problem details ({@link ApiProblem}): what a controller throws as an
 * {@link ApiProblem} or {@code ResponseStatusException}, and Spring MVC's own refusals (unreadable or
 * invalid body, wrong content type, unsupported method, a path variable of the wrong type...).
 * Invalid input names each field. Console and portal pages ({@code @Controller}s) are not advised
 * here: their errors stay HTML pages. Anything else (an unexpected exception) goes on to {@code /error},
 * which answers a problem too, with the text sanitised by {@link ErrorBodies}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    static final String NOT_JSON = "the request body is not valid JSON for this endpoint";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldMessage> fields = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.add(new ApiProblem.FieldMessage(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> fields.add(new ApiProblem.FieldMessage(error.getObjectName(), error.getDefaultMessage())));
        // The validator reports in no fixed order: by field name, so the same request gets the same answer.
        fields.sort(java.util.Comparator.comparing(ApiProblem.FieldMessage::field).thenComparing(ApiProblem.FieldMessage::message));
        ProblemDetail problem = ApiProblem.invalid(fields).getBody();
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, ApiProblem.problem(status, NOT_JSON), headers, status, request);
    }

    /** A 500 of Spring MVC's own (a body that could not be written...): the exception goes to the log, not to the caller. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.value() == 500) {
            log.warn("{} answered 500", request.getDescription(false), e);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** Every problem this advice answers gets the hub's title and {@code message}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ApiProblem.decorate(problem);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
