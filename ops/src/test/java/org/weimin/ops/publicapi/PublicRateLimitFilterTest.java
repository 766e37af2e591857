package org.weimin.ops.publicapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.weimin.ops.web.ProblemWriter;

/** Token buckets per client address on the public endpoints, on a clock the test moves. */
class PublicRateLimitFilterTest {
    private static final String LOOKUP = "/api/public/cases/WM-00000-00001-Y";
    private static final String DETAILS = LOOKUP + "/details";
    private static final String EVALUATION = LOOKUP + "/evaluation";

    /** With Spring's ProblemDetail mix-in, like the application's mapper. */
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final AtomicInteger passed = new AtomicInteger();

    private PublicRateLimitFilter filter(int maxClients) {
        return new PublicRateLimitFilter(new PublicEndpointSettings(new PublicEndpointSettings.RateLimit(true,
                maxClients, new PublicEndpointSettings.Limit(5, 5, Duration.ofMinutes(1)),
                new PublicEndpointSettings.Limit(2, 1, Duration.ofMinutes(5))), null),
                new ProblemWriter(json), clock);
    }

    private MockHttpServletResponse call(PublicRateLimitFilter filter, String method, String path, String address)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                passed.incrementAndGet();
            }
        });
        return response;
    }

    private void assertRateLimited(MockHttpServletResponse response, long retryAfter) throws Exception {
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo(Long.toString(retryAfter));
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.path("status").asInt()).isEqualTo(429);
        assertThat(body.path("retryable").asBoolean()).isTrue();
    }

    @Test
    void anAddressGetsItsCapacityThen429WithRetryAfterUntilTheBucketRefills() throws Exception {
        PublicRateLimitFilter filter = filter(100);
        for (int i = 0; i < 5; i++) {
            assertThat(call(filter, "GET", LOOKUP, "198.51.100.7").getStatus()).isEqualTo(200);
        }
        assertRateLimited(call(filter, "GET", LOOKUP, "198.51.100.7"), 12); // 5 per minute: one token every 12 s
        assertThat(passed).as("the refused request never reached the application").hasValue(5);

        assertThat(call(filter, "GET", LOOKUP, "198.51.100.8").getStatus()).as("another address").isEqualTo(200);

        clock.advance(Duration.ofSeconds(12));
        assertThat(call(filter, "GET", LOOKUP, "198.51.100.7").getStatus()).as("refilled").isEqualTo(200);
        assertRateLimited(call(filter, "GET", LOOKUP, "198.51.100.7"), 12);
    }

    @Test
    void requestsWithAVerificationCodeHaveTheirOwnStricterLimit() throws Exception {
        PublicRateLimitFilter filter = filter(100);
        assertThat(call(filter, "GET", DETAILS, "198.51.100.7").getStatus()).isEqualTo(200);
        assertThat(call(filter, "POST", EVALUATION, "198.51.100.7").getStatus()).isEqualTo(200);
        assertRateLimited(call(filter, "GET", DETAILS, "198.51.100.7"), 300);
        assertRateLimited(call(filter, "POST", EVALUATION, "198.51.100.7"), 300);
        assertThat(call(filter, "GET", LOOKUP, "198.51.100.7").getStatus())
                .as("the lookup without a code still has tokens (4 of 5 taken)").isEqualTo(200);
        assertRateLimited(call(filter, "GET", LOOKUP, "198.51.100.7"), 12);
    }

    @Test
    void aForwardedForHeaderDoesNotMakeANewClient() throws Exception {
        PublicRateLimitFilter filter = filter(100);
        for (int i = 0; i < 6; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", LOOKUP);
            request.setRemoteAddr("198.51.100.7");
            request.addHeader("X-Forwarded-For", "192.0.2." + i); // only Tomcat, when told to trust a proxy, reads it
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(i < 5 ? 200 : 429);
        }
    }

    @Test
    void onlyPublicPathsAreLimited() throws Exception {
        PublicRateLimitFilter filter = filter(100);
        for (int i = 0; i < 20; i++) {
            assertThat(call(filter, "POST", "/api/cases", "198.51.100.7").getStatus()).isEqualTo(200);
            assertThat(call(filter, "GET", "/actuator/health", "198.51.100.7").getStatus()).isEqualTo(200);
        }
        assertThat(passed).hasValue(40);
    }

    @Test
    void open311SharesThePublicBucketOfItsAddress() throws Exception {
        PublicRateLimitFilter filter = filter(100);
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "GET", "/open311/v2/services.json", "198.51.100.9").getStatus()).isEqualTo(200);
        }
        assertThat(call(filter, "POST", "/open311/v2/requests.xml", "198.51.100.9").getStatus()).isEqualTo(200);
        assertThat(call(filter, "GET", LOOKUP, "198.51.100.9").getStatus()).isEqualTo(200);
        assertRateLimited(call(filter, "GET", "/open311/v2/requests/WM-00000-00001-Y.json", "198.51.100.9"), 12);
        assertThat(passed).hasValue(5);
    }

    @Test
    void theBucketsAreBoundedWhateverNumberOfAddressesCalls() throws Exception {
        PublicRateLimitFilter filter = filter(50);
        for (int i = 0; i < 2000; i++) {
            call(filter, "GET", LOOKUP, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(filter.trackedClients()).isLessThanOrEqualTo(50);
        assertThat(passed).as("every new address starts with a full bucket").hasValue(2000);
    }

    @Test
    void theRoutesThatTakeAVerificationCodeAreRecognised() {
        assertThat(PublicRateLimitFilter.carriesCode(DETAILS)).isTrue();
        assertThat(PublicRateLimitFilter.carriesCode(EVALUATION)).isTrue();
        assertThat(PublicRateLimitFilter.carriesCode(LOOKUP)).isFalse();
        assertThat(PublicRateLimitFilter.carriesCode("/api/cases/x/evaluation")).isFalse();
    }
}
