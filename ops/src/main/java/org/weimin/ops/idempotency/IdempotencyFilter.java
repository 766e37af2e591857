package org.weimin.ops.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.weimin.events.ErrorCode;
import org.weimin.ops.web.BufferedBodyRequest;
import org.weimin.ops.web.ProblemWriter;

/**
 * Idempotent commands (issue 8; README "Idempotent retries"): a staff, admin or import command ({@code POST},
 * {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /api}, except {@code /api/auth/**} and the public endpoints)
 * that carries an {@code Idempotency-Key} header runs at most once per caller and key while the key lives
 * ({@code weimin.idempotency.ttl}, default 24 h). A request without the header is not affected.
 *
 * <ul>
 *   <li>First request: runs; a 2xx reply, or a 4xx that a retry would get again, is stored with the key, the caller
 *       (the token's staff id) and a SHA-256 of method, path, query and body ({@link IdempotencyStore}). 5xx replies
 *       and retryable problems ({@code "retryable": true}, 401, 403, 408, 429) are not stored: the key is released
 *       and a retry runs the command again.</li>
 *   <li>Retry with the same request: the stored status, {@code Content-Type}, {@code Location} and body, with
 *       {@code Idempotent-Replayed: true}; nothing runs, nothing is appended.</li>
 *   <li>Same key, another request: 422 {@code IDEMPOTENCY_KEY_REUSED}. While the first still runs: 409
 *       {@code IDEMPOTENCY_REQUEST_IN_FLIGHT} with {@code Retry-After}. A malformed key (not 1..255 printable ASCII,
 *       or given twice): 400 {@code IDEMPOTENCY_KEY_INVALID}. The key store unreachable: 503
 *       {@code SERVICE_UNAVAILABLE}. None of these changes anything.</li>
 * </ul>
 *
 * <p>The reply is stored after the command completed, outside its transaction: a crash between the command's commit
 * and that store leaves the key in flight until {@code weimin.idempotency.in-flight-timeout}, after which a retry runs
 * the command again. The aggregate's own rules then guard most commands (a second completion is
 * {@code CASE_ALREADY_COMPLETED}, an import row is recorded once), but a repeated receipt would create a second case:
 * that narrow window is the documented limit.
 *
 * <p>Runs after Spring Security (the caller is known; unauthenticated requests never get here).
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    /** The request header naming the key. */
    public static final String HEADER = "Idempotency-Key";
    /** The response header marking a replayed reply. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems, ObjectMapper json) {
        this.store = store;
        this.problems = problems;
        this.json = json;
    }

    /** Whether a header value is a well-formed key: 1 to 255 characters, each printable ASCII (0x20 to 0x7E). */
    static boolean wellFormed(String key) {
        if (key == null || key.isEmpty() || key.length() > 255 || key.isBlank()) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !COMMAND_METHODS.contains(request.getMethod()) || !path.startsWith("/api/")
                || path.startsWith("/api/public/") || path.startsWith("/api/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> keys = Collections.list(request.getHeaders(HEADER));
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (keys.isEmpty() || auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        if (keys.size() > 1 || !wellFormed(keys.get(0))) {
            problems.write(response, ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "Idempotency-Key must be given once, as 1 to 255 printable ASCII characters.");
            return;
        }
        String key = keys.get(0);
        String caller = auth.getName();
        byte[] body = request.getInputStream().readAllBytes();
        String hash = requestHash(request, body);
        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(caller, key, hash);
        } catch (DataAccessException e) {
            log.warn("The idempotency key store is unreachable: {}", e.getClass().getSimpleName());
            problems.write(response, ErrorCode.SERVICE_UNAVAILABLE, "The key store is unavailable; retry later.");
            return;
        }
        if (claim instanceof IdempotencyStore.Replay replay) {
            replay(response, replay.reply());
        } else if (claim instanceof IdempotencyStore.Mismatch) {
            problems.write(response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a fresh key for a new request.");
        } else if (claim instanceof IdempotencyStore.InFlight inFlight) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(inFlight.retryAfter().toSeconds()));
            problems.write(response, ErrorCode.IDEMPOTENCY_REQUEST_IN_FLIGHT,
                    "The first request with this Idempotency-Key is still in progress; retry to get its reply.");
        } else {
            runOnce(new BufferedBodyRequest(request, body), response, chain, caller, key);
        }
    }

    private void runOnce(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
                         String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, captured);
            byte[] reply = captured.getContentAsByteArray();
            if (worthStoring(captured.getStatus(), captured.getContentType(), reply)) {
                store.complete(caller, key, new StoredReply(captured.getStatus(), captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), reply));
                stored = true;
            }
        } catch (DataAccessException e) {
            // The command ran; only its reply could not be kept. A retry after the in-flight timeout runs it again.
            log.warn("The reply of an idempotent request could not be stored: {}", e.getClass().getSimpleName());
        } finally {
            if (!stored) {
                try {
                    store.release(caller, key);
                } catch (DataAccessException e) {
                    log.warn("An idempotency key could not be released: {}", e.getClass().getSimpleName());
                }
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * 2xx always; 4xx only when a retry would get the same answer: not 401/403 (roles may change), 408, 429, and not a
     * problem detail marked {@code retryable}; and only with a body we captured (a container error page is not).
     */
    private boolean worthStoring(int status, String contentType, byte[] body) {
        if (status >= 200 && status < 300) {
            return true;
        }
        if (status < 400 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429
                || body.length == 0) {
            return false;
        }
        if (contentType != null && contentType.contains("json")) {
            try {
                JsonNode problem = json.readTree(body);
                return !problem.path("retryable").asBoolean(false);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void replay(HttpServletResponse response, StoredReply reply) throws IOException {
        response.setStatus(reply.status());
        response.setHeader(REPLAYED, "true");
        if (reply.contentType() != null) {
            response.setContentType(reply.contentType());
        }
        if (reply.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, reply.location());
        }
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }

    /** SHA-256 (hex) of method, path, query string and body, each separated so that no two requests share it. */
    static String requestHash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String head = request.getMethod() + "\n" + request.getRequestURI() + "\n"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
