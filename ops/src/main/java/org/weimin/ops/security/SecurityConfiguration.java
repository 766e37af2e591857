package org.weimin.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.weimin.ops.store.DataDirectory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.context.annotation.Conditional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.org.OrgTree;
import org.weimin.ops.privacy.MasterKey;
import org.weimin.ops.web.ProblemWriter;

/**
 * Authentication and the coarse URL rules. Public: {@code /api/public/**}, {@code /open311/**} (its API keys are
 * checked by the Open311 controller), the token endpoint, OpenAPI and health.
 * Everything else under {@code /api} needs a bearer token: in the embedded default one from
 * {@code POST /api/auth/token} (HS256, signed with a key derived from the master key); with
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} set, one from that external
 * issuer, decoded by Spring Boot's decoder and read through {@link TokenClaims}. {@code /api/admin/**} and
 * {@code /api/import/**} need the roles of {@code Action.ADMINISTER} and {@code Action.IMPORT} (checked before the
 * body is read); {@code /actuator/prometheus} and {@code GET /api/admin/consistency} the role administrator or
 * auditor; every other command and query
 * checks role and scope through {@code AccessPolicy}. Stateless (no HTTP session), so CSRF protection is off for the
 * API. Failures are problem details
 * ({@code AUTHENTICATION_REQUIRED}, {@code FORBIDDEN}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {
    private final ObjectProvider<TokenClaims> claims;

    public SecurityConfiguration(ObjectProvider<TokenClaims> claims) {
        this.claims = claims;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, TokenClaims claims) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/public/**").permitAll()
                        // Open311 (issue 9): public reads; the list and creation check their API key themselves.
                        .requestMatchers("/open311/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        // Metrics name processing groups and command types: operators only (README "Health and metrics").
                        .requestMatchers("/actuator/prometheus").hasAnyAuthority(
                                "ROLE_" + Role.ADMINISTRATOR.claim(),
                                "ROLE_" + Role.AUDITOR.claim())
                        .requestMatchers("/error").permitAll()
                        // The consistency check reads every case and changes nothing: auditors may run it too.
                        .requestMatchers(HttpMethod.GET, "/api/admin/consistency").hasAnyAuthority(
                                "ROLE_" + Role.ADMINISTRATOR.claim(),
                                "ROLE_" + Role.AUDITOR.claim())
                        .requestMatchers("/api/admin/**").hasAnyAuthority(authorities(Action.ADMINISTER))
                        // Checked before the body is read, so a non-importer learns nothing from validation errors.
                        .requestMatchers("/api/import/**").hasAnyAuthority(authorities(Action.IMPORT))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> authentication(token, claims)))
                        .authenticationEntryPoint((req, res, ex) ->
                                problems.write(res, ErrorCode.AUTHENTICATION_REQUIRED, "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(res, ErrorCode.FORBIDDEN, "Your role does not allow this.")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problems.write(res, ErrorCode.AUTHENTICATION_REQUIRED, "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(res, ErrorCode.FORBIDDEN, "Your role does not allow this.")))
                .build();
    }

    /** A token without user or unit is refused like a bad signature: 401, never a 500 from inside the filter. */
    public static JwtAuthenticationToken authentication(Jwt token, TokenClaims claims) {
        try {
            return new JwtAuthenticationToken(token, claims.roles(token).stream()
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(), claims.staffMember(token).id().value());
        } catch (DomainException e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
    }

    /** The Spring Security authorities ({@code ROLE_<claim>}) of the roles that {@code action} allows. */
    public static String[] authorities(Action action) {
        return action.roles().stream().map(r -> "ROLE_" + r.claim()).toArray(String[]::new);
    }

    /** A path the firewall refuses (encoded separators, path parameters, "..") is a problem detail too. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(response, ErrorCode.MALFORMED_REQUEST,
                "The request path is not allowed.");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Conditional(LocalTokens.class)
    UserStore userStore(JdbcTemplate jdbc) {
        return new UserStore(jdbc);
    }

    @Bean
    @Conditional(LocalTokens.class)
    UserAdministration userAdministration(UserStore store, PasswordEncoder passwords, CommandGateway commands,
                                          TransactionTemplate transactions, OrgTree tree, EventStore events,
                                          Clock clock) {
        return new UserAdministration(store, passwords, commands, transactions, tree, events, clock);
    }

    /** {@code weimin.security.users} empty: no users file, an empty store gets the first-run administrator. */
    @Bean
    @Conditional(LocalTokens.class)
    UserStoreInitializer userStoreInitializer(UserStore store, ResourceLoader resources,
                                              @Value("${weimin.security.users:classpath:reference/users.json}")
                                              String usersFile, ObjectMapper json, OrgTree tree,
                                              PasswordEncoder passwords, CommandGateway commands,
                                              TransactionTemplate transactions, DataDirectory dataDir, Clock clock,
                                              org.weimin.ops.StoreStartupSteps steps) {
        return new UserStoreInitializer(store, usersFile.isBlank() ? null : resources.getResource(usersFile.strip()),
                json, tree, passwords, commands, transactions, dataDir.path().resolve("secrets"), clock)
                .deferrable(steps);
    }

    private static SecretKey signingKey(MasterKey master) {
        return new SecretKeySpec(master.derive("jwt-signing"), "HmacSHA256");
    }

    @Bean
    @Conditional(LocalTokens.class)
    JwtEncoder jwtEncoder(MasterKey master) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(signingKey(master)));
    }

    /**
     * The local tokens' decoder: validates signature, issuer and expiry; expiry against the application
     * {@link Clock}. Absent with an external issuer, where Spring Boot builds the decoder from its properties.
     */
    @Bean
    @Conditional(LocalTokens.class)
    JwtDecoder jwtDecoder(MasterKey master, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(signingKey(master))
                .macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator("weimin")));
        return decoder;
    }

    /** Lets controllers take the authenticated {@link StaffMember} as a parameter (claims: {@link TokenClaims}). */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == StaffMember.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
                    throw new DomainException(ErrorCode.AUTHENTICATION_REQUIRED, "A valid bearer token is required.");
                }
                return claims.getObject().staffMember(jwt);
            }
        });
    }
}
