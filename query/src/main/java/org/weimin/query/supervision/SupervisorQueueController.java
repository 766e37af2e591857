package org.weimin.query.supervision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.projections.supervision.SupervisorQueue;
import org.weimin.projections.supervision.SupervisorQueueProjection;

/**
 * {@code GET /api/supervision/queue}: what waits for the calling supervisor: cases escalated to, deemed accepted by,
 * or awaiting an extension decision in their unit or any unit below it, newest first. Role {@code supervisor}.
 */
@RestController
public class SupervisorQueueController {
    private final SupervisorQueueProjection queues;
    private final OrgTree orgTree;

    public SupervisorQueueController(SupervisorQueueProjection queues, OrgTree orgTree) {
        this.queues = queues;
        this.orgTree = orgTree;
    }

    /** One entry with the unit whose queue it is in. */
    public record QueueEntry(String unit, String caseId, String kind, String holder, java.time.Instant occurredAt,
                             String detail) {
    }

    /** @throws DomainException {@code FORBIDDEN} without the supervisor role */
    @GetMapping("/api/supervision/queue")
    public List<QueueEntry> queue(StaffMember staff) {
        AccessPolicy.requireRole(staff, Action.SUPERVISOR_QUEUE);
        List<String> subtree = new ArrayList<>();
        Deque<UnitId> todo = new ArrayDeque<>(List.of(staff.unit()));
        while (!todo.isEmpty()) {
            UnitId unit = todo.pop();
            subtree.add(unit.value());
            orgTree.children(unit).stream().map(OrgUnit::id).forEach(todo::push);
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (SupervisorQueue queue : queues.queues(subtree)) {
            queue.entries().forEach(e -> entries.add(new QueueEntry(queue.unit(), e.caseId(), e.kind(), e.holder(),
                    e.occurredAt(), e.detail())));
        }
        entries.sort(Comparator.comparing(QueueEntry::occurredAt).reversed());
        return entries;
    }
}
