package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The fault suite's closing step (issue 8): the running service's consistency checker
 * ({@code GET /api/admin/consistency}) over every case, and the settings shared by the suite's long form.
 */
public final class Consistency {
    /** {@code -Dweimin.faults.long=true}: the long form of the fault suite (more kills, more load). */
    public static final boolean LONG = Boolean.getBoolean("weimin.faults.long");

    private Consistency() {
    }

    /**
     * Runs the check (the service waits up to {@code waitSeconds} for its processors to catch up) and returns its
     * report; the request may take up to five minutes.
     */
    public static JsonNode check(Api api, Api.Session operator, int waitSeconds) throws Exception {
        Api.Reply reply = api.get("/api/admin/consistency?wait=" + waitSeconds + "&limit=50", operator.token(),
                Duration.ofMinutes(5));
        assertThat(reply.status()).as("consistency check %s", reply).isEqualTo(200);
        return reply.json();
    }

    /**
     * Asserts that every case's read model and search document match its events, no processor lags and none holds
     * dead letters; with search, that the index was compared.
     *
     * @param withSearch whether the service runs with Elasticsearch (then the index must have been compared)
     * @return the report
     */
    public static JsonNode assertConsistent(Api api, Api.Session operator, boolean withSearch, String when)
            throws Exception {
        // Catch-up first (after an outage the search processor may be in back-off for a while), then the check.
        await("read-model processors caught up " + when).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1)).until(() -> caughtUp(operator));
        JsonNode report = check(api, operator, 30);
        assertThat(report.path("consistent").asBoolean()).as("consistency %s: %s", when, report).isTrue();
        assertThat(report.path("mismatchCount").asLong()).as("mismatches %s", when).isZero();
        assertThat(report.path("searchChecked").asBoolean()).as("search index compared %s: %s", when, report)
                .isEqualTo(withSearch);
        System.out.printf("Consistency %s: %d cases, %d read-model documents, search documents %s, %d ms%n", when,
                report.path("cases").asLong(), report.path("readModelDocuments").asLong(),
                report.path("searchDocuments").asText(), report.path("millis").asLong());
        return report;
    }

    /** The head of the event store (highest global index) as the projection status reports it; -1 if unknown. */
    static long head(Api.Session operator) throws Exception {
        Api.Reply reply = operator.get("/api/admin/projections");
        if (reply.status() != 200) {
            return -1;
        }
        long head = -1;
        for (JsonNode processor : reply.json()) {
            head = Math.max(head, processor.path("headIndex").asLong(-1));
        }
        return head;
    }

    /**
     * Whether case-view and case-search (when present) have processed {@code target} (a global index): under load
     * that never pauses, the processors trail the head by a few events at every moment, so a test that needs
     * "everything up to now is projected" asks for the head it read first, not for zero lag.
     */
    static boolean reached(Api.Session operator, long target) throws Exception {
        Api.Reply reply = operator.get("/api/admin/projections");
        if (reply.status() != 200) {
            return false;
        }
        for (JsonNode processor : reply.json()) {
            String name = processor.path("name").asText();
            if ((name.equals("case-view") || name.equals("case-search"))
                    && processor.path("position").asLong(-1) < target) {
                return false;
            }
        }
        return true;
    }

    /** Whether case-view and case-search (when present) have processed the head of the event store. */
    static boolean caughtUp(Api.Session operator) throws Exception {
        Api.Reply reply = operator.get("/api/admin/projections");
        if (reply.status() != 200) {
            return false;
        }
        for (JsonNode processor : reply.json()) {
            String name = processor.path("name").asText();
            if ((name.equals("case-view") || name.equals("case-search")) && processor.path("lagEvents").asLong(-1) != 0) {
                return false;
            }
        }
        return true;
    }
}
