package org.weimin.ops.pages;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.access.Action;
import org.weimin.ops.security.LocalTokenIssuer;
import org.weimin.ops.security.SecurityConfiguration;
import org.weimin.ops.security.StaffSession;
import org.weimin.ops.security.TokenClaims;

/**
 * Security of the staff pages (issue 10): the workbench under {@code /work}, the supervisor dashboard under
 * {@code /supervise}, and the form login {@code GET/POST /login} and {@code POST /logout}. A filter chain of its own,
 * ahead of the public pages' and the API's chains, with an HTTP session (the one place the service keeps one):
 * <ul>
 *   <li>the login checks the user store and mints the very token the API's {@code POST /api/auth/token} would
 *       ({@link LocalTokenIssuer}), and keeps it in the session as a {@link StaffSession}, so page controllers
 *       take a {@code StaffMember} and every command and query goes through the same {@code AccessPolicy} checks as
 *       over the API. The session ends with the token ({@code weimin.security.token-lifetime}, default one hour),
 *       after 30 minutes without a request, or at logout; the session id changes at login (fixation);</li>
 *   <li>a wrong user name, a wrong password and a disabled account are refused alike ({@code /login?error}); every
 *       attempt takes a token from the client address's {@code code-attempts} bucket ({@code PublicRateLimitFilter});</li>
 *   <li>{@code /work/**} needs a role that works cases ({@link Action#UNIT_QUEUE}), {@code /supervise/**} one that
 *       searches ({@link Action#SEARCH}); anyone else signed in gets the 403 page {@code FORBIDDEN}, anyone not signed
 *       in is sent to the login form. Finer rules (scope, holder) are the services' own;</li>
 *   <li>forms carry a CSRF token kept in the session; the pages' Content-Security-Policy and no-referrer policy.</li>
 * </ul>
 * With an external token issuer (no local user store) there is no form login: the login form says so and staff use
 * the API with the issuer's tokens (an OpenID Connect login for the pages is not built).
 */
@Configuration(proxyBeanMethods = false)
public class StaffPageSecurityConfiguration {
    /** The paths this chain owns. */
    public static final String[] STAFF_PATHS = {"/login", "/logout", "/work", "/work/**", "/supervise",
            "/supervise/**"};
    /** The longest a session lasts without a request. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(30);

    @Bean
    @Order(0)
    SecurityFilterChain staffPages(HttpSecurity http, ObjectProvider<LocalTokenIssuer> issuer, TokenClaims claims,
                                   ErrorPageWriter pages, Clock clock) throws Exception {
        XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();
        tokens.setCsrfRequestAttributeName(null); // load the token on every page, before the body is written
        return http
                .securityMatcher(STAFF_PATHS)
                .csrf(csrf -> csrf.csrfTokenRequestHandler(tokens))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .authenticationProvider(new StaffLogin(issuer, claims))
                .authorizeHttpRequests(auth -> auth
                        // The error page of a request already let through (a 404 under /work) is not a new request.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login").permitAll()
                        .requestMatchers("/work", "/work/**").hasAnyAuthority(SecurityConfiguration.authorities(Action.UNIT_QUEUE))
                        .requestMatchers("/supervise", "/supervise/**").hasAnyAuthority(SecurityConfiguration.authorities(Action.SEARCH))
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler((request, response, authentication) -> {
                            limitSession(request.getSession(), authentication, clock);
                            response.sendRedirect(request.getContextPath() + home(authentication));
                        })
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) ->
                        pages.render(request, response, ErrorCode.FORBIDDEN, null)))
                .addFilterAfter(new ExpiredSessions(clock), SecurityContextHolderFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PageSecurityConfiguration.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * Where a signed-in member of staff starts: {@code /work} for roles that work cases, {@code /supervise} for roles
     * that search (both: the workbench), otherwise the public home page.
     */
    static String home(Authentication authentication) {
        return mayWork(authentication) ? "/work" : maySupervise(authentication) ? "/supervise" : "/";
    }

    /** Whether the workbench is open to them: a role of {@link Action#UNIT_QUEUE}. */
    static boolean mayWork(Authentication authentication) {
        return holdsAny(authentication, Action.UNIT_QUEUE);
    }

    /** Whether the supervisor dashboard is open to them: a role of {@link Action#SEARCH}. */
    static boolean maySupervise(Authentication authentication) {
        return holdsAny(authentication, Action.SEARCH);
    }

    private static boolean holdsAny(Authentication authentication, Action action) {
        Set<String> held = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return Set.of(SecurityConfiguration.authorities(action)).stream().anyMatch(held::contains);
    }

    /** The session lives no longer than its token and no longer than {@link #IDLE_LIMIT} without a request. */
    private static void limitSession(HttpSession session, Authentication authentication, Clock clock) {
        long seconds = IDLE_LIMIT.toSeconds();
        if (authentication instanceof StaffSession staff && staff.token().getExpiresAt() != null) {
            seconds = Math.min(seconds, Duration.between(clock.instant(), staff.token().getExpiresAt()).toSeconds());
        }
        session.setMaxInactiveInterval((int) Math.max(1, seconds));
    }

    /** The form login: user name and password to the local token, kept as the API's authentication. */
    private record StaffLogin(ObjectProvider<LocalTokenIssuer> issuer, TokenClaims claims)
            implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            LocalTokenIssuer local = issuer.getIfAvailable();
            String username = String.valueOf(authentication.getPrincipal());
            String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
            if (local == null || username.isBlank() || username.length() > 64 || password.length() > 200) {
                throw new BadCredentialsException("Wrong user name or password.");
            }
            try {
                return local.issue(username, password)
                        .map(jwt -> {
                            JwtAuthenticationToken api = SecurityConfiguration.authentication(jwt, claims);
                            return (Authentication) new StaffSession(jwt, api.getAuthorities(), api.getName());
                        })
                        .orElseThrow(() -> new BadCredentialsException("Wrong user name or password."));
            } catch (DomainException | org.springframework.security.oauth2.server.resource.InvalidBearerTokenException e) {
                throw new BadCredentialsException("This account cannot sign in: " + e.getMessage());
            }
        }

        @Override
        public boolean supports(Class<?> type) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
        }
    }

    /** Ends a session whose token has expired: the next request is anonymous (and sent to the login form). */
    private static final class ExpiredSessions extends OncePerRequestFilter {
        private final Clock clock;

        ExpiredSessions(Clock clock) {
            this.clock = clock;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (current instanceof StaffSession staff && staff.token().getExpiresAt() != null
                    && !clock.instant().isBefore(staff.token().getExpiresAt())) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            }
            chain.doFilter(request, response);
        }
    }
}
