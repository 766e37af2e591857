package org.weimin.ops.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;

/**
 * Failures of the page controllers (packages {@code ..pages}) as pages, not JSON: the same stable {@link ErrorCode}
 * and HTTP status as the API's problem detail, the code's text from the message bundle {@code i18n/error-codes}
 * (falling back to its English title), {@code Retry-After} for a retryable refusal (429 {@code VERIFICATION_LOCKED}),
 * and the offending form fields. The tracking number typed (form field {@code number}, never the code) is offered
 * back in the lookup form. A stale form (its case sequence moved on) is a 409 {@code CONCURRENT_MODIFICATION}, a
 * search with the index down a 503 {@code SEARCH_UNAVAILABLE}. Anything unexpected is a 500 page without internals
 * (logged).
 */
@ControllerAdvice(basePackages = {"org.weimin.query.pages", "org.weimin.command.pages", "org.weimin.ops.pages"})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);
    /** The error page's template. */
    public static final String VIEW = "pages/error";

    @ExceptionHandler(DomainException.class)
    ModelAndView domain(DomainException e, HttpServletRequest request, HttpServletResponse response) {
        Long retryAfter = null;
        if (e instanceof RetryLaterException later) {
            retryAfter = later.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return page(e.code(), e.fields(), retryAfter, request, response);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ModelAndView command(CommandExecutionException e, HttpServletRequest request, HttpServletResponse response) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain(domain, request, response);
            }
        }
        return unexpected(e, request, response);
    }

    /** The search index is down (the supervisor dashboard): 503 {@code SEARCH_UNAVAILABLE}, as the API answers. */
    @ExceptionHandler(org.weimin.projections.search.SearchUnavailableException.class)
    ModelAndView searchUnavailable(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        log.warn("Page {}: {}", request.getRequestURI(), e.getMessage());
        return page(ErrorCode.SEARCH_UNAVAILABLE, Map.of(), null, request, response);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // A form's sequence the case has moved past, or two writers at once: 409, as the API answers.
            if (cause instanceof org.axonframework.modelling.command.ConcurrencyException
                    || cause instanceof org.axonframework.modelling.command.ConflictingModificationException) {
                return page(ErrorCode.CONCURRENT_MODIFICATION, Map.of(), null, request, response);
            }
        }
        if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            ModelAndView page = page(ErrorCode.MALFORMED_REQUEST, Map.of(), null, request, response);
            page.setStatus(known.getStatusCode());
            return page;
        }
        log.error("Page {} failed", request.getRequestURI(), e);
        ModelAndView page = page(ErrorCode.SERVICE_UNAVAILABLE, Map.of(), null, request, response);
        page.setStatus(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR);
        return page;
    }

    /** Renders the error page with the status of {@code code}. */
    static ModelAndView page(ErrorCode code, Map<String, String> fields, Long retryAfter, HttpServletRequest request,
                             HttpServletResponse response) {
        response.setStatus(code.httpStatus());
        ModelAndView page = new ModelAndView(VIEW);
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(code.httpStatus()));
        page.addObject("code", code.name());
        page.addObject("fallback", code.title());
        page.addObject("fields", fields);
        page.addObject("retryAfter", retryAfter);
        String number = request.getParameter("number");
        page.addObject("number", number == null ? "" : number.strip());
        return page;
    }
}
