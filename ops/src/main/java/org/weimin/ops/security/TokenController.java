package org.weimin.ops.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * {@code POST /api/auth/token}: staff log in once with user name and password and get a short-lived bearer token
 * (HS256 JWT signed with a key derived from the master key; {@code weimin.security.token-lifetime}, default one hour,
 * minted by {@link LocalTokenIssuer}), so that no later request pays a password hash. Only in the embedded default
 * ({@link LocalTokens}).
 */
@RestController
@Conditional(LocalTokens.class)
public class TokenController {
    private final LocalTokenIssuer issuer;

    public TokenController(LocalTokenIssuer issuer) {
        this.issuer = issuer;
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
        // A disabled account is refused like a wrong password: the caller learns nothing about the account.
        String token = issuer.issue(request.username(), request.password())
                .orElseThrow(() -> new DomainException(ErrorCode.AUTHENTICATION_REQUIRED, "Wrong user name or password."))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", issuer.lifetime().toSeconds());
    }
}
