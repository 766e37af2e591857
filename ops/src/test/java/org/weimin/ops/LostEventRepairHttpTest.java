package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.weimin.ops.consistency.LostEventRepair;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.supervision.SupervisorQueue;

/**
 * The start-up repair of read models left ahead of the event store by a crash ({@link LostEventRepair}; the case that
 * made it necessary: DurabilityIT once found a case document for a receipt the H2 store had not kept). The effects of
 * lost events are put into MongoDB by hand, as a processor would have written them: a case document at a sequence the
 * case never reached, a document of a case the store has no event of, and a supervisor-queue entry at a sequence
 * beyond the case's. The repair rebuilds the first from the store, removes the second and the entry, and leaves sound
 * documents and entries alone.
 */
class LostEventRepairHttpTest extends SharedContextHttpTest {
    @Autowired
    LostEventRepair repair;
    @Autowired
    MongoOperations mongo;

    @Test
    void itRanAtStart() {
        // The start-up run's own report (the other test's runs only set lastReport): the hook ran.
        assertThat(repair.startReport()).as("report of the start-up run").isNotNull();
    }

    @Test
    void documentsAheadOfTheStoreAreRebuiltOrRemovedAndSoundOnesStay() {
        String window = token("jjd-window", "demo-window");
        String ahead = ok(post("/api/cases", window, receiveBody("MZ-002"))).path("caseId").asText();
        String sound = ok(post("/api/cases", window, receiveBody("MZ-002"))).path("caseId").asText();
        staffView(ahead, window, 0);
        JsonNode soundBefore = staffView(sound, window, 0);

        // What a processor would have written for events the store then lost.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ahead)),
                new Update().set("lastSequence", 7L).set("status", "COMPLETED"), CaseView.COLLECTION);
        Document phantom = mongo.findById(ahead, Document.class, CaseView.COLLECTION);
        String lost = UUID.randomUUID().toString();
        phantom.put("_id", lost);
        phantom.put("trackingNumber", "LOST-" + lost);
        phantom.put("lastSequence", 0L);
        mongo.insert(phantom, CaseView.COLLECTION);
        String unit = "LOST-REPAIR-TEST";
        mongo.insert(new Document("_id", unit).append("entries", List.of(
                entry(ahead, 0, "kept"), entry(ahead, 5, "lost"), entry(lost, 0, "lost case"))),
                SupervisorQueue.COLLECTION);

        LostEventRepair.Report report = repair.repair();

        assertThat(report.readModelRebuilt()).containsExactly(ahead);
        assertThat(report.readModelRemoved()).containsExactly(lost);
        assertThat(report.queueEntriesRemoved()).isEqualTo(2);
        assertThat(report.documentsChecked()).isGreaterThanOrEqualTo(3);
        JsonNode rebuilt = get("/api/cases/" + ahead, window).getBody();
        assertThat(rebuilt.path("sequence").asLong()).isZero();
        assertThat(rebuilt.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(mongo.findById(lost, Document.class, CaseView.COLLECTION)).isNull();
        assertThat(get("/api/cases/" + sound, window).getBody()).isEqualTo(soundBefore);
        List<?> entries = mongo.findById(unit, Document.class, SupervisorQueue.COLLECTION).getList("entries",
                Document.class);
        assertThat(entries).hasSize(1).first().extracting(e -> ((Document) e).getString("detail")).isEqualTo("kept");

        assertThat(repair.repair().clean()).as("a second run finds nothing ahead").isTrue();
    }

    private static Document entry(String caseId, long sequence, String detail) {
        return new Document("caseId", caseId).append("sequence", sequence).append("kind", "ESCALATED")
                .append("holder", "JJD-ZX").append("occurredAt", new Date()).append("detail", detail);
    }
}
