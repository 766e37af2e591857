package org.weimin.ops.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * {@code POST /api/auth/token}: staff log in once with user name and password and get a short-lived bearer token
 * (HS256 JWT signed with a key derived from the master key; {@code weimin.security.token-lifetime}, default one hour),
 * so that no later request pays a password hash. Only in the embedded default ({@link LocalTokens}).
 */
@RestController
@Conditional(LocalTokens.class)
public class TokenController {
    /** A hash of nothing in particular, checked for unknown users so that they cost the same time as known ones. */
    private static final String DUMMY_HASH = "{bcrypt}$2a$10$jxA8KSE5zhCBY6GehtJPFOHbG.lvjSOS5PJ4gPDRm/IUZpKb02oJi";

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration lifetime;

    public TokenController(UserStore users, PasswordEncoder passwords, JwtEncoder encoder, Clock clock,
                           @Value("${weimin.security.token-lifetime:PT1H}") Duration lifetime) {
        this.users = users;
        this.passwords = passwords;
        this.encoder = encoder;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Login request. */
    public record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "TokenRequest[" + username + "]";
        }
    }

    /** OAuth2-style token response; {@code expires_in} in seconds. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    /** @throws DomainException {@code AUTHENTICATION_REQUIRED} (401) for a wrong user name or password, a disabled account */
    @PostMapping("/api/auth/token")
    public TokenResponse token(@Valid @RequestBody TokenRequest request) {
        var account = users.find(request.username());
        boolean matches = passwords.matches(request.password(),
                account.map(UserStore.StoredUser::passwordHash).orElse(DUMMY_HASH));
        // A disabled account is refused like a wrong password: the caller learns nothing about the account.
        if (account.isEmpty() || !matches || account.get().disabled()) {
            throw new DomainException(ErrorCode.AUTHENTICATION_REQUIRED, "Wrong user name or password.");
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
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", lifetime.toSeconds());
    }
}
