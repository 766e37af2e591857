package org.weimin.ops.pages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Security of the web pages (issue 10), a filter chain of its own ahead of the API's bearer-token chain
 * ({@code SecurityConfiguration}): it matches only the page paths ({@link #PAGE_PATHS}), so every {@code /api} rule
 * stays as it is. The public pages need no login and keep no session. Forms carry a CSRF token (double-submit: a
 * cookie plus a hidden field that Thymeleaf adds to every {@code th:action} form); the token is loaded on every page,
 * not deferred, so its cookie is set before the page body is written. Pages send a Content-Security-Policy that allows
 * scripts only from this service (charts and page scripts are files under {@code /assets} and {@code /webjars}) and
 * {@code Referrer-Policy: no-referrer}, so a tracking number in a page address never leaves in a Referer header.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurityConfiguration {
    /** The paths this chain owns: the pages, their static files and the WebJars. */
    public static final String[] PAGE_PATHS = {"/", "/track", "/track/**", "/figures", "/assets/**", "/webjars/**",
            "/favicon.ico"};
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();
        tokens.setCsrfRequestAttributeName(null); // load the token on every page: the cookie goes out with the headers
        return http
                .securityMatcher(PAGE_PATHS)
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .csrfTokenRequestHandler(tokens))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }
}
