package org.weimin.ops.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.weimin.events.ErrorCode;

/**
 * Rejects a request whose {@code Content-Type} is not a concrete media type (e.g. {@code application/*}) with a 415
 * problem detail before anything tries to read it (Spring would otherwise fail deep in message conversion), and one
 * whose query string is not strictly percent-encoded UTF-8 with a 400 {@code MALFORMED_REQUEST} (Tomcat would drop the
 * parameter and go on, which silently widens a search).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestShapeFilter extends OncePerRequestFilter {
    private final ProblemWriter problems;

    public RequestShapeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * Whether a raw query string decodes strictly: every {@code %} followed by two hex digits, the bytes valid UTF-8,
     * and no NUL. Null (no query string) is fine.
     */
    static boolean wellEncoded(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Integer.parseInt(query.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c > 0x7F) {
                return false; // raw non-ASCII in a URL is not percent-encoded
            } else {
                bytes.write(c);
            }
        }
        byte[] raw = bytes.toByteArray();
        for (byte b : raw) {
            if (b == 0) {
                return false;
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!wellEncoded(request.getQueryString())) {
            // Tomcat would silently drop such a parameter, and a dropped filter widens a search.
            problems.write(response, ErrorCode.MALFORMED_REQUEST,
                    "The query string is not valid percent-encoded UTF-8 (every % needs two hex digits).");
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank()) {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    problems.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Type must be a concrete media type such as application/json.");
                    return;
                }
            } catch (InvalidMediaTypeException e) {
                problems.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type is malformed.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
