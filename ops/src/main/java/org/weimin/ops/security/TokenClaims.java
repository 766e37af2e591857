package org.weimin.ops.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;

/**
 * Which claims of a bearer token name the staff member, their org unit and their roles. The local tokens of
 * {@link TokenController} use {@code sub}, {@code unit} and {@code roles}; an external issuer's tokens are read with
 * {@code weimin.security.jwt.username-claim}, {@code unit-claim} and {@code roles-claim}. A claim name with dots is a
 * path into nested objects (e.g. {@code realm_access.roles}); roles are a JSON array or a space-separated string.
 */
@Component
public class TokenClaims {
    private final String usernameClaim;
    private final String unitClaim;
    private final String rolesClaim;

    public TokenClaims(@Value("${weimin.security.jwt.username-claim:sub}") String usernameClaim,
                       @Value("${weimin.security.jwt.unit-claim:unit}") String unitClaim,
                       @Value("${weimin.security.jwt.roles-claim:roles}") String rolesClaim) {
        this.usernameClaim = usernameClaim;
        this.unitClaim = unitClaim;
        this.rolesClaim = rolesClaim;
    }

    /** The role names the token grants (unknown names grant nothing; see {@code Role}). */
    public Set<String> roles(Jwt jwt) {
        Object value = claim(jwt, rolesClaim);
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        } else if (value instanceof String text && !text.isBlank()) {
            roles.addAll(List.of(text.strip().split("\\s+")));
        }
        return roles;
    }

    /**
     * The staff member the token names.
     *
     * @throws DomainException {@code AUTHENTICATION_REQUIRED} (401) when the user name or unit claim is missing
     */
    public StaffMember staffMember(Jwt jwt) {
        Object username = claim(jwt, usernameClaim);
        Object unit = claim(jwt, unitClaim);
        if (!(username instanceof String name) || name.isBlank() || !(unit instanceof String unitId)
                || unitId.isBlank()) {
            throw new DomainException(ErrorCode.AUTHENTICATION_REQUIRED,
                    "The token names no user or org unit (claims " + usernameClaim + ", " + unitClaim + ").");
        }
        return new StaffMember(StaffId.of(name), UnitId.of(unitId), roles(jwt));
    }

    private static Object claim(Jwt jwt, String path) {
        Object at = jwt.getClaims();
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }
}
