package org.weimin.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
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
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.ops.privacy.MasterKey;
import org.weimin.ops.web.ProblemWriter;

/**
 * Who may call what. Public: {@code /api/public/**}, the token endpoint, OpenAPI and health. Everything else under
 * {@code /api} needs a bearer token from {@code POST /api/auth/token}. Stateless (no HTTP session), so CSRF
 * protection is off for the API. Failures are problem details ({@code AUTHENTICATION_REQUIRED}, {@code FORBIDDEN}).
 * The trust issue adds role and org-scope checks on every command and query.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/public/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/admin/**").hasAuthority("ROLE_administrator")
                        // Checked before the body is read, so a non-importer learns nothing from validation errors.
                        .requestMatchers("/api/import/**").hasAuthority("ROLE_importer")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authentication))
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

    private static org.springframework.security.authentication.AbstractAuthenticationToken authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        var authorities = (roles == null ? List.<String>of() : roles).stream()
                .map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        return new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(
                jwt, authorities, jwt.getSubject());
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
    UserDirectory userDirectory(@Value("${weimin.security.users:classpath:reference/users.json}") Resource file,
                                ObjectMapper json, OrgTree tree) throws IOException {
        return UserDirectory.load(file, json, tree);
    }

    private static SecretKey signingKey(MasterKey master) {
        return new SecretKeySpec(master.derive("jwt-signing"), "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(MasterKey master) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(signingKey(master)));
    }

    /** Validates signature, issuer and expiry; expiry against the application {@link Clock}. */
    @Bean
    JwtDecoder jwtDecoder(MasterKey master, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(signingKey(master))
                .macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator("weimin")));
        return decoder;
    }

    /** Lets controllers take the authenticated {@link StaffMember} as a parameter. */
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
                List<String> roles = jwt.getClaimAsStringList("roles");
                Set<String> roleSet = new HashSet<>(roles == null ? List.of() : roles);
                return new StaffMember(StaffId.of(jwt.getSubject()), UnitId.of(jwt.getClaimAsString("unit")), roleSet);
            }
        });
    }
}
