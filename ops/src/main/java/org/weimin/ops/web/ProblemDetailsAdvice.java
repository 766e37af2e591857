package org.weimin.ops.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;
import org.weimin.projections.search.SearchUnavailableException;

/**
 * Maps every failure once to a problem detail (see {@link ProblemWriter}): domain rejections by their code, bean
 * validation and unreadable bodies as {@code VALIDATION_FAILED}, Axon's concurrency conflicts as the retryable
 * {@code CONCURRENT_MODIFICATION}, unreachable stores as {@code SERVICE_UNAVAILABLE}, an
 * unreachable search index as {@code SEARCH_UNAVAILABLE}; anything else as a 500 without
 * internals (logged with its stack trace, never echoed).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** A domain rejection by its code; one to retry later ({@link RetryLaterException}) also with {@code Retry-After}. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        if (e instanceof RetryLaterException later) {
            return ResponseEntity.status(e.code().httpStatus())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()))
                    .body(ProblemWriter.problem(e.code(), e.getMessage(), e.fields()));
        }
        return respond(e.code(), e.getMessage(), e.fields());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandExecution(CommandExecutionException e) {
        DomainException domain = cause(e, DomainException.class);
        if (domain != null) {
            return domain(domain);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return respond(ErrorCode.CASE_NOT_FOUND, "No such case.", Map.of());
    }

    /**
     * Two writers on one case: the store's unique (case, sequence) constraint ({@link ConcurrencyException}) or an
     * {@code If-Match} sequence that the case has moved past ({@link ConflictingModificationException}).
     */
    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class})
    ResponseEntity<ProblemDetail> concurrency(Exception e) {
        return respond(ErrorCode.CONCURRENT_MODIFICATION,
                "The case has changed since the sequence you last saw (If-Match), or another change was recorded at "
                        + "the same moment; read it again and retry.", Map.of());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("A store is unavailable: {}", e.toString());
        return respond(ErrorCode.SERVICE_UNAVAILABLE, "A data store is temporarily unavailable; retry later.",
                Map.of());
    }

    /** The firewall refusing a parameter (e.g. a NUL in its name) while a handler reads it: the request is malformed. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(Exception e) {
        return respond(ErrorCode.MALFORMED_REQUEST, "The request could not be read (check the URL encoding).",
                Map.of());
    }

    /** Elasticsearch is down or refused the request: search is unavailable, nothing else is. */
    @ExceptionHandler(SearchUnavailableException.class)
    ResponseEntity<ProblemDetail> searchUnavailable(SearchUnavailableException e) {
        log.warn("Search is unavailable: {}", e.getMessage());
        return respond(ErrorCode.SEARCH_UNAVAILABLE, "Search is temporarily unavailable; retry later. Commands and "
                + "case lookups still work.", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        DomainException domain = cause(e, DomainException.class);
        if (domain != null) {
            return domain(domain);
        }
        SearchUnavailableException search = cause(e, SearchUnavailableException.class);
        if (search != null) {
            return searchUnavailable(search);
        }
        if (cause(e, ConcurrencyException.class) != null || cause(e, ConflictingModificationException.class) != null) {
            return concurrency(null);
        }
        if (cause(e, CannotGetJdbcConnectionException.class) != null
                || cause(e, DataAccessResourceFailureException.class) != null
                // The shared store (store mode) down: no connection within Hikari's timeout, a connection broken
                // half-way, or a transaction that could not begin.
                || cause(e, java.sql.SQLTransientConnectionException.class) != null
                || cause(e, java.sql.SQLNonTransientConnectionException.class) != null
                || cause(e, org.springframework.transaction.CannotCreateTransactionException.class) != null
                // A command in flight when the store went away: a statement on a lost connection, or a commit or
                // rollback that failed at the store (its outcome unknown to us: a retry with an Idempotency-Key is safe).
                || org.weimin.ops.store.LostConnectionOverride.isLostConnection(e)
                || cause(e, org.springframework.transaction.TransactionSystemException.class) != null
                || cause(e, com.mongodb.MongoSocketException.class) != null
                || cause(e, com.mongodb.MongoTimeoutException.class) != null
                // Axon Server (axonserver profile) unreachable: e.g. AXONIQ-4003, no connection to route a command
                // (the framework's exception or the connector library's own).
                || cause(e, org.axonframework.axonserver.connector.AxonServerException.class) != null
                || cause(e, io.axoniq.axonserver.connector.AxonServerException.class) != null) {
            return unavailable(e);
        }
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(500),
                "An unexpected error occurred; it has been logged.");
        problem.setTitle("Internal error");
        problem.setProperty("code", "INTERNAL_ERROR");
        problem.setProperty("retryable", false);
        return ResponseEntity.status(500).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(f -> fields.putIfAbsent(f.getField(), f.getDefaultMessage()));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> fields.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        return cast(respond(ErrorCode.VALIDATION_FAILED, "Some fields are missing or invalid.", fields));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return cast(respond(ErrorCode.VALIDATION_FAILED, "Some parameters are invalid.", Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getCause() instanceof TextCharacters.ForbiddenCharacterException forbidden) {
            String field = fieldPath(forbidden);
            return cast(respond(ErrorCode.INVALID_CHARACTERS, "Field " + field + " contains a control character, an "
                    + "unpaired surrogate or a noncharacter; send the text without it.",
                    Map.of(field, "characters not allowed")));
        }
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                && !invalid.getPath().isEmpty()) {
            String field = fieldPath(invalid);
            Class<?> type = invalid.getTargetType();
            String expected = type != null && type.isEnum()
                    ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
                    : "a value of type " + (type == null ? "?" : type.getSimpleName());
            return cast(respond(ErrorCode.VALIDATION_FAILED, "Field " + field + " must be " + expected + ".",
                    Map.of(field, expected)));
        }
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            String field = mismatched.getPath().get(mismatched.getPath().size() - 1).getFieldName();
            return cast(respond(ErrorCode.VALIDATION_FAILED, "Field " + field + " has the wrong type.",
                    Map.of(String.valueOf(field), "wrong type")));
        }
        return cast(respond(ErrorCode.VALIDATION_FAILED,
                "The request body is not valid JSON of the expected shape (check field types and enum values).",
                Map.of()));
    }

    /** A body that is not JSON ({@code text/plain}, a form, ...): the same 415 as a wildcard Content-Type. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        ResponseEntity<ProblemDetail> problem = respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "The body must be application/json (UTF-8).", Map.of());
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(java.util.List.of(org.springframework.http.MediaType.APPLICATION_JSON));
        return cast(ResponseEntity.status(problem.getStatusCode()).headers(accept).body(problem.getBody()));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", status.value() == 404 ? "NOT_FOUND" : "HTTP_" + status.value());
            problem.setProperty("retryable", false);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /** The JSON path of a field in error, e.g. {@code applicant.name} or {@code otherItems[0]}. */
    private static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
    }

    private static ResponseEntity<ProblemDetail> respond(ErrorCode code, String detail, Map<String, String> fields) {
        return ResponseEntity.status(code.httpStatus()).body(ProblemWriter.problem(code, detail, fields));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
