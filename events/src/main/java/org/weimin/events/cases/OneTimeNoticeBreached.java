package org.weimin.events.cases;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.StaffId;

/**
 * A later notice asked for items that no earlier notice of the round listed: a breach of the one-time-notice rule
 * (一次性告知制), recorded against the staff member who sent the first notice (rules.md). The notice itself stands.
 *
 * @param noticeNumber      the notice that asked for unlisted items
 * @param unlistedItems     those items
 * @param responsibleStaff  the sender of the first notice of the round
 */
@Revision("1")
public record OneTimeNoticeBreached(
        CaseId caseId,
        int noticeNumber,
        List<NoticeItem> unlistedItems,
        StaffId responsibleStaff,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
