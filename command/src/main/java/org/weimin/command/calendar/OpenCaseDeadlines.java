package org.weimin.command.calendar;

import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.events.CaseId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.CaseReopened;
import org.weimin.events.cases.DeadlineRevised;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;

/**
 * Key-fetched index of open, running cases by their deadline in force (table {@code open_case_deadline}), written in
 * each event's own transaction (subscribing, like {@link CaseDirectory}). A calendar revision finds the cases whose
 * provisional deadline it may move here, never by scanning the read models. Paused cases are absent: their deadline is
 * counted afresh at the supplement.
 */
@Component
@ProcessingGroup(CaseDirectory.PROCESSING_GROUP)
public class OpenCaseDeadlines {
    private final JdbcTemplate jdbc;

    public OpenCaseDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CaseReceived event) {
        put(event.caseId(), event.deadline());
    }

    @EventHandler
    void on(MissingMaterialsNotified event) {
        remove(event.caseId());
    }

    @EventHandler
    void on(MaterialsSupplemented event) {
        put(event.caseId(), event.deadline());
    }

    @EventHandler
    void on(ExtensionApproved event) {
        if (event.deadline() != null) {
            put(event.caseId(), event.deadline());
        }
    }

    @EventHandler
    void on(DeadlineRevised event) {
        put(event.caseId(), event.deadline());
    }

    @EventHandler
    void on(CaseReopened event) {
        put(event.caseId(), event.deadline());
    }

    @EventHandler
    void on(CaseCompleted event) {
        remove(event.caseId());
    }

    /** Open, running cases whose deadline in force is provisional. */
    public List<CaseId> provisional() {
        return jdbc.query("SELECT case_id FROM open_case_deadline WHERE provisional = TRUE",
                (rs, n) -> CaseId.of(rs.getString(1)));
    }

    private void put(CaseId caseId, Deadline deadline) {
        remove(caseId);
        jdbc.update("INSERT INTO open_case_deadline (case_id, due_at, provisional) VALUES (?, ?, ?)",
                caseId.value(), Timestamp.from(deadline.dueAt()), deadline.provisional());
    }

    private void remove(CaseId caseId) {
        jdbc.update("DELETE FROM open_case_deadline WHERE case_id = ?", caseId.value());
    }
}
