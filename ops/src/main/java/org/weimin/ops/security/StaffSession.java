package org.weimin.ops.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authentication a signed-in browser session holds (issue 10, the staff pages): the local token minted at sign-in
 * as principal, the same authorities and name as the API's bearer authentication of that token
 * ({@link SecurityConfiguration#authentication}). Not the API's {@code JwtAuthenticationToken}, because that class is
 * {@code @Transient} (Spring Security never keeps it in a session). Controllers read the staff member from the token
 * through the {@code StaffMember} parameter, as over the API.
 */
public final class StaffSession extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final Jwt token;
    private final String name;

    /** A session of the staff member the token names, with the token's roles as {@code ROLE_…} authorities. */
    public StaffSession(Jwt token, Collection<? extends GrantedAuthority> authorities, String name) {
        super(authorities);
        this.token = token;
        this.name = name;
        setAuthenticated(true);
    }

    /** The local token minted at sign-in (its expiry ends the session). */
    public Jwt token() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return name;
    }
}
