package org.weimin.ops.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True in the embedded default: neither {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} nor
 * {@code ...jwk-set-uri} is set, so the service issues and checks its own HS256 tokens from its user store. With
 * either set (production behind an external issuer), Spring Boot's decoder for that issuer is used instead and the
 * local token endpoint and user administration are absent.
 */
public class LocalTokens implements Condition {
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI))
                && !StringUtils.hasText(context.getEnvironment().getProperty(JWK_SET_URI));
    }
}
