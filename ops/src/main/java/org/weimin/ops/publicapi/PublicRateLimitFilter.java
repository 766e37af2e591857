package org.weimin.ops.publicapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;
import org.weimin.ops.web.ProblemWriter;

/**
 * Rate limits per client address on the public endpoints (issue 7 "Public endpoints"): every request to
 * {@code /api/public/**}, {@code /open311/**} (issue 9) and the public case pages {@code /track} and
 * {@code /track/**} (issue 10) takes a token from the address's {@code requests} bucket, and a request that carries a
 * verification code ({@link #carriesCode(String)}: details, evaluation, by API or page), and every staff-page login
 * attempt ({@code POST /login}), also one from its stricter {@code code-attempts} bucket (Bucket4j token buckets, refilled gradually). An empty bucket answers 429
 * {@code RATE_LIMITED} (RFC 9457 problem detail; on a page path the {@link RefusalPage}) with {@code Retry-After} in
 * seconds, before security, MVC or any store sees the request.
 *
 * <p>The client address is {@code request.getRemoteAddr()}: the TCP peer, unless {@code server.forward-headers-strategy}
 * is set, which lets Tomcat take it from {@code X-Forwarded-For} sent by a trusted (internal) proxy. Set it when, and
 * only when, the service runs behind a reverse proxy; {@code X-Forwarded-For} is never read here, since any client can
 * send it.
 *
 * <p>Buckets live in a Caffeine cache bounded by {@code max-clients} (least-used addresses dropped first) and drop out
 * once idle long enough to be full again, so an attacker cycling through addresses cannot exhaust memory; a dropped
 * address starts again with a full bucket, which gives such an attacker nothing that many addresses do not already
 * give. Time comes from the application {@link Clock}. Settings: {@link PublicEndpointSettings.RateLimit}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class PublicRateLimitFilter extends OncePerRequestFilter {
    static final String PUBLIC_PREFIX = "/api/public/";
    /** Open311 (issue 9): public like the lookup page, keyed or not, so the same per-address limit applies. */
    static final String OPEN311_PREFIX = "/open311/";
    /** The public case pages (issue 10): the same buckets as the API they show. */
    static final String PAGE_PATH = "/track";
    /** The staff pages' form login (issue 10): a password guess costs a token like a verification-code guess. */
    static final String LOGIN_PATH = "/login";
    private static final Pattern CODE_ROUTES = Pattern.compile(
            "/api/public/cases/[^/]+/(details|evaluation)/?|/track/(details|evaluation)/?");

    private final PublicEndpointSettings.RateLimit settings;
    private final ProblemWriter problems;
    private final TimeMeter time;
    private final Cache<String, Bucket> requests;
    private final Cache<String, Bucket> codeAttempts;
    private final ObjectProvider<RefusalPage> pages;

    public PublicRateLimitFilter(PublicEndpointSettings settings, ProblemWriter problems, Clock clock) {
        this(settings, problems, clock, null);
    }

    /** @param pages writes the refusal on a page path as a page; without one (null or none), a problem detail */
    @Autowired
    public PublicRateLimitFilter(PublicEndpointSettings settings, ProblemWriter problems, Clock clock,
                                 ObjectProvider<RefusalPage> pages) {
        this.pages = pages;
        this.settings = settings.rateLimit();
        this.problems = problems;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.requests = buckets(this.settings.requests(), clock);
        this.codeAttempts = buckets(this.settings.codeAttempts(), clock);
    }

    private Cache<String, Bucket> buckets(PublicEndpointSettings.Limit limit, Clock clock) {
        return Caffeine.newBuilder().maximumSize(settings.maxClients()).expireAfterAccess(limit.timeToFill())
                .ticker(PublicApiConfiguration.ticker(clock)).build();
    }

    /** Whether a path (within the application) is a public endpoint that takes a verification code. */
    public static boolean carriesCode(String path) {
        return CODE_ROUTES.matcher(path).matches();
    }

    /** The path within the application, e.g. {@code /api/public/cases/WM-…}. */
    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !settings.enabled() || !(path.startsWith(PUBLIC_PREFIX) || path.startsWith(OPEN311_PREFIX)
                || isPage(path) || isLogin(request));
    }

    private static boolean isPage(String path) {
        return path.equals(PAGE_PATH) || path.startsWith(PAGE_PATH + "/") || path.equals(LOGIN_PATH);
    }

    /** A login attempt: {@code POST /login} (showing the form is not one). */
    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && path(request).equals(LOGIN_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        if (refused(requests, settings.requests(), client, request, response,
                "Too many requests to the public endpoints from your address")) {
            return;
        }
        if ((carriesCode(path(request)) || isLogin(request))
                && refused(codeAttempts, settings.codeAttempts(), client, request, response,
                "Too many requests with a verification code from your address")) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** Takes a token from the client's bucket; when it is empty, writes the 429 and answers true. */
    private boolean refused(Cache<String, Bucket> buckets, PublicEndpointSettings.Limit limit, String client,
                            HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
        Bucket bucket = buckets.get(client, key -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.refillTokens(), limit.refillPeriod()))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return false;
        }
        long seconds = RetryLaterException.seconds(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        RefusalPage page = pages == null ? null : pages.getIfAvailable();
        if (page != null && isPage(path(request))) {
            page.write(request, response, ErrorCode.RATE_LIMITED, seconds);
        } else {
            problems.write(response, ErrorCode.RATE_LIMITED, what + "; retry in " + seconds + " seconds.");
        }
        return true;
    }

    /** Addresses with a bucket now (for tests of the bound; approximate until the cache has done its upkeep). */
    long trackedClients() {
        requests.cleanUp();
        return requests.estimatedSize();
    }
}
