package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotent commands over real HTTP (issue 8, README "Idempotent retries"): a retry replays the stored reply and
 * appends nothing; another request under the same key is refused; keys are per caller; concurrent requests with one
 * key run the command once; malformed keys are refused. Expiry and takeover: {@code IdempotencyStoreTest}.
 */
class IdempotentCommandsHttpTest extends SharedContextHttpTest {
    @Autowired
    JdbcTemplate jdbc;

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private long cases() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_directory", Long.class);
    }

    private ResponseEntity<JsonNode> post(String path, String token, Object body, String key) {
        HttpHeaders headers = headers(token);
        headers.add("Idempotency-Key", key);
        try {
            return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
                    JsonNode.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRetryReplaysTheFirstReplyAndAppendsNothing() {
        String window = token("jjd-window", "demo-window");
        ResponseEntity<JsonNode> first = post("/api/cases", window, receiveBody("MZ-002"), "receipt-1");
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        long eventsAfterFirst = events();

        ResponseEntity<JsonNode> retry = post("/api/cases", window, receiveBody("MZ-002"), "receipt-1");

        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getBody().path("verificationCode").asText()).isNotEmpty();
        assertThat(events()).isEqualTo(eventsAfterFirst);

        // A command on the case: its retry is replayed too, the deterministic rejection is not re-run either.
        String caseId = first.getBody().path("caseId").asText();
        Map<String, String> completion = Map.of("result", "GRANTED", "resultText", "已办结");
        ResponseEntity<JsonNode> done = post(path(caseId, "completion"), window, completion, "complete-1");
        assertThat(done.getStatusCode().value()).isEqualTo(200);
        long eventsAfterCompletion = events();
        ResponseEntity<JsonNode> doneAgain = post(path(caseId, "completion"), window, completion, "complete-1");
        assertThat(doneAgain.getBody()).isEqualTo(done.getBody());
        assertThat(doneAgain.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events()).isEqualTo(eventsAfterCompletion);
        assertProblem(post(path(caseId, "completion"), window, completion, "complete-2"), 409,
                "CASE_ALREADY_COMPLETED");
        ResponseEntity<JsonNode> rejectedAgain = post(path(caseId, "completion"), window, completion, "complete-2");
        assertProblem(rejectedAgain, 409, "CASE_ALREADY_COMPLETED");
        assertThat(rejectedAgain.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String window = token("jjd-window", "demo-window");
        assertThat(post("/api/cases", window, receiveBody("MZ-002"), "receipt-2").getStatusCode().value())
                .isEqualTo(201);
        long before = events();

        Map<String, Object> other = receiveBody("MZ-002");
        other.put("subject", "另一件事");
        assertProblem(post("/api/cases", window, other, "receipt-2"), 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void keysArePerCaller() {
        ResponseEntity<JsonNode> jjd = post("/api/cases", token("jjd-window", "demo-window"), receiveBody("MZ-002"),
                "shared-key");
        Map<String, Object> atSfq = receiveBody("MZ-002");
        atSfq.put("window", "SFQ-ZX-W01");
        ResponseEntity<JsonNode> sfq = post("/api/cases", token("sfq-window", "demo-window"), atSfq, "shared-key");

        assertThat(jjd.getStatusCode().value()).isEqualTo(201);
        assertThat(sfq.getStatusCode().value()).as("%s", sfq.getBody()).isEqualTo(201);
        assertThat(sfq.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(sfq.getBody().path("caseId")).isNotEqualTo(jjd.getBody().path("caseId"));
    }

    @Test
    void concurrentRequestsWithOneKeyReceiveOneCase() throws Exception {
        String window = token("jjd-window", "demo-window");
        long casesBefore = cases();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<ResponseEntity<JsonNode>>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return post("/api/cases", window, receiveBody("MZ-002"), "concurrent-1");
                }));
            }
            start.countDown();
            Set<String> caseIds = new HashSet<>();
            for (Future<ResponseEntity<JsonNode>> reply : replies) {
                ResponseEntity<JsonNode> r = reply.get();
                if (r.getStatusCode().value() == 201) {
                    caseIds.add(r.getBody().path("caseId").asText());
                } else {
                    assertProblem(r, 409, "IDEMPOTENCY_REQUEST_IN_FLIGHT");
                    assertThat(r.getHeaders().getFirst("Retry-After")).isNotNull();
                    assertThat(r.getBody().path("retryable").asBoolean()).isTrue();
                }
            }
            assertThat(caseIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cases()).isEqualTo(casesBefore + 1);
    }

    @Test
    void malformedKeysAreRefusedBeforeAnythingRuns() {
        String window = token("jjd-window", "demo-window");
        long before = events();
        assertProblem(post("/api/cases", window, receiveBody("MZ-002"), "x".repeat(256)), 400,
                "IDEMPOTENCY_KEY_INVALID");
        assertProblem(post("/api/cases", window, receiveBody("MZ-002"), "tab\tkey"), 400, "IDEMPOTENCY_KEY_INVALID");
        assertThat(events()).isEqualTo(before);
    }
}
