package org.weimin.ops.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.weimin.events.ErrorCode;

/**
 * Rejects a request whose {@code Content-Type} is not a concrete media type (e.g. {@code application/*}) with a 415
 * problem detail before anything tries to read it (Spring would otherwise fail deep in message conversion), one
 * whose query string is not strictly percent-encoded UTF-8 with a 400 {@code MALFORMED_REQUEST} (Tomcat would drop the
 * parameter and go on, which silently widens a search), and one whose body is larger than
 * {@code weimin.http.max-body-bytes} (default 1 MiB; no request of the API needs more) with a 413
 * {@code PAYLOAD_TOO_LARGE}: by its {@code Content-Length} before reading, or, for a body without one (chunked, not a
 * form), after reading at most that many bytes; and one whose {@code Accept} header the path cannot satisfy with a 406
 * {@code NOT_ACCEPTABLE} (400 {@code MALFORMED_REQUEST} when it cannot be parsed), see {@link #acceptable}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestShapeFilter extends OncePerRequestFilter {
    private final ProblemWriter problems;
    private final long maxBodyBytes;

    public RequestShapeFilter(ProblemWriter problems,
                              @org.springframework.beans.factory.annotation.Value(
                                      "${weimin.http.max-body-bytes:1048576}") long maxBodyBytes) {
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
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
        String accept = acceptable(request);
        if (accept != null) {
            String uri = request.getRequestURI();
            ErrorCode code = accept.isEmpty() ? ErrorCode.MALFORMED_REQUEST : ErrorCode.NOT_ACCEPTABLE;
            String detail = accept.isEmpty() ? "The Accept header is malformed."
                    : "The endpoint answers in " + accept + " only; the Accept header names none of them.";
            if (uri.startsWith("/open311/")) {
                writeOpen311(response, uri, code, detail);
            } else {
                problems.write(response, code, detail);
            }
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes
                    + " bytes.");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null && !isForm(contentType)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than "
                        + maxBodyBytes + " bytes.");
                return;
            }
            request = new BufferedBodyRequest(request, body);
        }
        chain.doFilter(request, response);
    }

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    private static final List<MediaType> OPEN311 = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML,
            MediaType.TEXT_XML);

    /**
     * Null when the request's {@code Accept} header (if any) names a media type that its path answers in; otherwise
     * those media types, or "" when the header cannot be parsed. Checked before the handler runs: Spring would
     * negotiate only after a command had been carried out, and answer 406 without a body. Only {@code /api/**} (JSON;
     * the exports CSV or XLSX as well) and {@code /open311/**} (JSON or XML) are checked.
     */
    static String acceptable(HttpServletRequest request) {
        String header = request.getHeader(org.springframework.http.HttpHeaders.ACCEPT);
        String uri = request.getRequestURI();
        if (header == null || header.isBlank() || !uri.startsWith("/api/") && !uri.startsWith("/open311/")) {
            return null;
        }
        List<MediaType> produced = uri.startsWith("/open311/") ? OPEN311
                : uri.startsWith("/api/supervision/cases/export.") ? List.of(MediaType.ALL) : JSON;
        try {
            for (MediaType type : MediaType.parseMediaTypes(header)) {
                if (type.getQualityValue() > 0 && produced.stream().anyMatch(type::isCompatibleWith)) {
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            return "";
        }
        return produced.toString();
    }

    /** An Open311 path answers in the spec's error format (400: the spec names no other status for it). */
    private static void writeOpen311(HttpServletResponse response, String uri, ErrorCode code, String detail)
            throws IOException {
        var reply = org.weimin.ops.open311.Open311Format.ofPath(uri).respond(400,
                "errors", "error", List.of(java.util.Map.of("code", code.name(), "description", detail)));
        response.setStatus(reply.getStatusCode().value());
        response.setContentType(String.valueOf(reply.getHeaders().getContentType()));
        response.getOutputStream().write(reply.getBody());
    }

    /** A form is read by Tomcat's parameter parser (bounded by its own maxPostSize), never through the stream. */
    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }
}
