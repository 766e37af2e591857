package org.weimin.ops.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.projections.search.SearchUnavailableException;

/**
 * Every failure of the Open311 interface ({@link Open311Controller}) in the spec's error format, in the format of the
 * request's suffix: JSON {@code [{"code": "...", "description": "..."}]}, XML
 * {@code <errors><error><code/><description/></error></errors>}. Statuses follow the spec: 404 for an unknown resource
 * (request, service), 403 for a missing, unknown or revoked API key, 400 for anything else the client sent; our
 * retryable 409/503 conditions keep their status (the spec names none for them). {@code code} is our stable
 * {@code ErrorCode} name. Replaces the RFC 9457 problem details of {@code /api} for these paths only.
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class Open311Errors {
    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<byte[]> open311(Open311Exception e, HttpServletRequest request) {
        return respond(request, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<byte[]> domain(DomainException e, HttpServletRequest request) {
        return respond(request, statusOf(e.code()), e.code().name(), e.getMessage());
    }

    @ExceptionHandler(SearchUnavailableException.class)
    ResponseEntity<byte[]> search(SearchUnavailableException e, HttpServletRequest request) {
        return respond(request, 503, ErrorCode.SEARCH_UNAVAILABLE.name(),
                "The request list is temporarily unavailable; single requests by id still work.");
    }

    /** Spring's own request errors (a missing or malformed parameter) are the client's: 400. */
    @ExceptionHandler(org.springframework.web.bind.ServletRequestBindingException.class)
    ResponseEntity<byte[]> binding(Exception e, HttpServletRequest request) {
        return respond(request, 400, ErrorCode.VALIDATION_FAILED.name(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain(domain, request);
            }
            if (t instanceof SearchUnavailableException search) {
                return search(search, request);
            }
        }
        if (e instanceof CommandExecutionException || e instanceof org.springframework.web.ErrorResponse) {
            int status = e instanceof org.springframework.web.ErrorResponse r ? r.getStatusCode().value() : 500;
            if (status >= 400 && status < 500) {
                return respond(request, 400, ErrorCode.VALIDATION_FAILED.name(), "The request is malformed.");
            }
        }
        log.error("Unexpected failure of an Open311 request", e);
        return respond(request, 500, "INTERNAL_ERROR", "An unexpected error occurred; it has been logged.");
    }

    /** 404, 403 and other 4xx as the spec has them (400); our retryable 409/429/503 keep their status. */
    static int statusOf(ErrorCode code) {
        int status = code.httpStatus();
        if (status == 404 || status == 403 || code.retryable()) {
            return status;
        }
        return status >= 500 ? status : 400;
    }

    private static ResponseEntity<byte[]> respond(HttpServletRequest request, int status, String code,
                                                  String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return Open311Format.ofPath(request.getRequestURI()).respond(status, "errors", "error", List.of(error));
    }
}
