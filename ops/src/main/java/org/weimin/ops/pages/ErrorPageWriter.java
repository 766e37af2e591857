package org.weimin.ops.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import org.weimin.events.ErrorCode;
import org.weimin.ops.publicapi.RefusalPage;

/**
 * Writes the ordinary error page ({@link PageErrorAdvice#VIEW}) outside Spring MVC, in the visitor's language, for
 * refusals that happen before MVC runs (issue 10): the rate-limit filter's 429 on the public case pages and the staff
 * login (with the seconds to wait), and the staff pages' security chain's 403.
 */
@Component
public class ErrorPageWriter implements RefusalPage {
    private final ITemplateEngine templates;
    private final LocaleResolver locales;

    public ErrorPageWriter(ITemplateEngine templates, LocaleResolver locales) {
        this.templates = templates;
        this.locales = locales;
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code,
                      long retryAfterSeconds) throws IOException {
        render(request, response, code, retryAfterSeconds);
    }

    /**
     * Writes the error page for {@code code} with its HTTP status, outside Spring MVC (from a filter or a security
     * handler); {@code retryAfterSeconds} null when there is nothing to wait for.
     */
    public void render(HttpServletRequest request, HttpServletResponse response, ErrorCode code,
                       Long retryAfterSeconds) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("code", code.name());
        model.put("fallback", code.title());
        model.put("fields", Map.of());
        model.put("retryAfter", retryAfterSeconds);
        model.put("number", "");
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), locales.resolveLocale(request), model);
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        templates.process(PageErrorAdvice.VIEW, context, response.getWriter());
    }
}
