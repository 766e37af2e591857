package org.weimin.projections.supervision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The supervisors' queue of one org unit (collection {@code supervisor_queues}, fetched by unit id): cases escalated
 * to the unit's supervisors (an overdue case in a child unit), forwards deemed accepted by the unit, and extension
 * requests awaiting a decision. A supervisor's queue view gathers the queues of their unit's subtree by key.
 */
@Document(collection = SupervisorQueue.COLLECTION)
public class SupervisorQueue {
    public static final String COLLECTION = "supervisor_queues";

    @Id
    String unit;
    List<Entry> entries = new ArrayList<>();

    /**
     * One entry. {@code kind}: ESCALATED, DEEMED_ACCEPTED, EXTENSION_REQUESTED.
     *
     * @param sequence the case event that created it (entries are idempotent by case and sequence)
     */
    public record Entry(String caseId, long sequence, String kind, String holder, Instant occurredAt, String detail) {
    }

    public String unit() {
        return unit;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
