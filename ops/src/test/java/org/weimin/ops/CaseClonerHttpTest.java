package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.events.cases.CaseEvent;
import org.weimin.ops.bench.CaseCloner;
import org.weimin.ops.ledger.Ledger;

/**
 * The fast fill of the rebuild benchmark ({@link CaseCloner}, {@code fill-store --seed-cases}): a copy of a case
 * received and forwarded through the API has the same events under its own case id (in every payload) and tracking
 * number, ledger hashes that verify, a case-directory row, and read models like the original's: the staff view at the
 * same sequence with the same masked applicant, and the public lookup by the copy's tracking number.
 */
class CaseClonerHttpTest extends SharedContextHttpTest {
    @Autowired
    EventStorageEngine engine;
    @Autowired
    TransactionManager transactions;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;

    @Test
    void aCopyHasTheOriginalsEventsUnderItsOwnIdsAndReadModelsLikeIt() {
        String window = token("jjd-window", "demo-window");
        String id = ok(post("/api/cases", window, receiveBody("MZ-002"))).path("caseId").asText();
        ok(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-MZJ", "reason", "需区民政局审批")));
        String handler = token("mzj-handler", "demo-handler");
        JsonNode original = staffView(id, handler, 1);

        CaseCloner cloner = new CaseCloner(engine, transactions, serializer, jdbc, System.nanoTime());
        CaseCloner.Original source = cloner.original(id);
        assertThat(source.events()).hasSize(2);
        assertThat(cloner.copy(List.of(source, source), 0)).isEqualTo(4);

        List<Map<String, Object>> copies = jdbc.queryForList("SELECT case_id, tracking_number, applicant_key_id "
                + "FROM case_directory WHERE applicant_key_id = ? AND case_id <> ?", source.applicantKey(), id);
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).get("tracking_number")).isNotEqualTo(copies.get(1).get("tracking_number"));
        for (Map<String, Object> copy : copies) {
            String copyId = (String) copy.get("case_id");
            String trackingNumber = (String) copy.get("tracking_number");
            List<? extends DomainEventMessage<?>> events = engine.readEvents(copyId).asStream().toList();
            assertThat(events).extracting(e -> e.getPayloadType().getSimpleName())
                    .containsExactly("CaseReceived", "CaseForwarded");
            assertThat(events).allSatisfy(e ->
                    assertThat(((CaseEvent) e.getPayload()).caseId().value()).isEqualTo(copyId));
            var verification = ledger.verifyCase(copyId, ledger.latestCheckpoint()).verification();
            assertThat(verification.verified()).as("%s", verification).isTrue();
            assertThat(verification.hashedEvents()).isEqualTo(2);

            JsonNode view = staffView(copyId, handler, 1);
            assertThat(view.path("trackingNumber").asText()).isEqualTo(trackingNumber);
            assertThat(view.path("applicant")).isEqualTo(original.path("applicant"));
            assertThat(view.at("/holder/code").asText()).isEqualTo("SFQ-MZJ");
            JsonNode lookup = get("/api/public/cases/" + trackingNumber, null).getBody();
            assertThat(lookup.path("trackingNumber").asText()).as("%s", lookup).isEqualTo(trackingNumber);
        }
    }
}
