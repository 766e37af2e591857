package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fault suite's closing step (issue 8): the running service's consistency checker
 * ({@code GET /api/admin/consistency}) over every case, and the settings shared by the suite's long form.
 */
public final class Consistency {
    /** {@code -Dweimin.faults.long=true}: the long form of the fault suite (more kills, more load). */
    public static final boolean LONG = Boolean.getBoolean("weimin.faults.long");

    private Consistency() {
    }

    /** Runs the check (waiting up to {@code waitSeconds} for the processors) and returns its report. */
    public static JsonNode check(Api.Session operator, int waitSeconds) throws Exception {
        Api.Reply reply = operator.get("/api/admin/consistency?wait=" + waitSeconds + "&limit=50");
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
    public static JsonNode assertConsistent(Api.Session operator, boolean withSearch, String when) throws Exception {
        JsonNode report = check(operator, 120);
        assertThat(report.path("consistent").asBoolean()).as("consistency %s: %s", when, report).isTrue();
        assertThat(report.path("mismatchCount").asLong()).as("mismatches %s", when).isZero();
        assertThat(report.path("searchChecked").asBoolean()).as("search index compared %s: %s", when, report)
                .isEqualTo(withSearch);
        System.out.printf("Consistency %s: %d cases, %d read-model documents, search documents %s, %d ms%n", when,
                report.path("cases").asLong(), report.path("readModelDocuments").asLong(),
                report.path("searchDocuments").asText(), report.path("millis").asLong());
        return report;
    }
}
