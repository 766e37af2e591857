package org.weimin.ops.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against the local user store and mints the local token (HS256 JWT: {@code sub},
 * {@code unit}, {@code roles}; issuer {@code weimin}; lifetime {@code weimin.security.token-lifetime}, default one
 * hour, from the application {@link Clock}). The one place both logins use: the API's {@code POST /api/auth/token}
 * ({@link TokenController}) and the web pages' form login ({@code StaffPageSecurityConfiguration}), so a browser
 * session holds exactly the token an API client would. Only in the embedded default ({@link LocalTokens}).
 */
@Component
@Conditional(LocalTokens.class)
public class LocalTokenIssuer {
    /** A hash of nothing in particular, checked for unknown users so that they cost the same time as known ones. */
    private static final String DUMMY_HASH = "{bcrypt}$2a$10$jxA8KSE5zhCBY6GehtJPFOHbG.lvjSOS5PJ4gPDRm/IUZpKb02oJi";

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration lifetime;

    public LocalTokenIssuer(UserStore users, PasswordEncoder passwords, JwtEncoder encoder, Clock clock,
                            @Value("${weimin.security.token-lifetime:PT1H}") Duration lifetime) {
        this.users = users;
        this.passwords = passwords;
        this.encoder = encoder;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The token for these credentials; empty for an unknown user, a wrong password or a disabled account (all three
     * alike, and at the cost of one password hash each, so the caller learns nothing about which accounts exist).
     */
    public Optional<Jwt> issue(String username, String password) {
        var account = users.find(username);
        boolean matches = passwords.matches(password,
                account.map(UserStore.StoredUser::passwordHash).orElse(DUMMY_HASH));
        if (account.isEmpty() || !matches || account.get().disabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("weimin")
                .subject(account.get().username())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("unit", account.get().unit())
                .claim("roles", List.copyOf(account.get().roles()))
                .build();
        return Optional.of(encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)));
    }

    /** How long a token (and a page session) lasts. */
    public Duration lifetime() {
        return lifetime;
    }
}
