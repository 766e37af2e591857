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
 * problem detail before anything tries to read it (Spring would otherwise fail deep in message conversion).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestShapeFilter extends OncePerRequestFilter {
    private final ProblemWriter problems;

    public RequestShapeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
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
