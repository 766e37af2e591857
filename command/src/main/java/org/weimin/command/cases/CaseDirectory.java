package org.weimin.command.cases;

import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.ApplicantKeyId;

/**
 * The command side's own lookup of tracking number → case id and applicant key, in table {@code case_directory} of
 * the event-store database. It is written by a subscribing event handler inside the transaction that appends
 * {@link CaseReceived}, so its unique index on the tracking number makes tracking numbers unique (rules.md
 * "Identifiers"): a collision rolls the receipt back and {@link CaseCommandService} retries with a fresh number.
 * Public commands (evaluation) find their case here without touching the read models.
 */
@Component
@ProcessingGroup(CaseDirectory.PROCESSING_GROUP)
public class CaseDirectory {

    /** A subscribing processing group whose errors propagate to the command (see CommandConfiguration). */
    public static final String PROCESSING_GROUP = "case-directory";

    private final JdbcTemplate jdbc;

    public CaseDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A directory entry: the case, its tracking number, its applicant's data key and its service item. */
    public record Entry(CaseId caseId, TrackingNumber trackingNumber, ApplicantKeyId applicantKey,
                        ServiceItemCode serviceItem) {
    }

    /**
     * Registers a received case.
     *
     * @throws TrackingNumberCollision when another case already has the tracking number
     */
    @EventHandler
    void on(CaseReceived event) {
        try {
            jdbc.update("INSERT INTO case_directory (case_id, tracking_number, applicant_key_id, service_item) "
                            + "VALUES (?, ?, ?, ?)",
                    event.caseId().value(), event.trackingNumber().value(), event.applicant().key().value(),
                    event.serviceItem().value());
        } catch (DuplicateKeyException e) {
            Optional<Entry> existing = find(event.trackingNumber());
            if (existing.isPresent() && existing.get().caseId().equals(event.caseId())) {
                return; // the same event again: idempotent
            }
            throw new TrackingNumberCollision(event.trackingNumber());
        }
    }

    /** Key lookup by tracking number. */
    public Optional<Entry> find(TrackingNumber trackingNumber) {
        return first("tracking_number", trackingNumber.value());
    }

    /** Key lookup by case id. */
    public Optional<Entry> find(CaseId caseId) {
        return first("case_id", caseId.value());
    }

    /**
     * Every case of one applicant (rules.md "Identifiers": one data key per applicant, shared across their cases), in
     * no particular order; an index lookup, written in each receipt's own transaction, so it misses no committed case.
     */
    public List<Entry> findByApplicant(ApplicantKeyId key) {
        return all("applicant_key_id", key.value());
    }

    private Optional<Entry> first(String column, String value) {
        return all(column, value).stream().findFirst();
    }

    private List<Entry> all(String column, String value) {
        return jdbc.query(
                "SELECT case_id, tracking_number, applicant_key_id, service_item FROM case_directory WHERE "
                        + column + " = ?",
                (rs, n) -> new Entry(CaseId.of(rs.getString(1)), TrackingNumber.of(rs.getString(2)),
                        ApplicantKeyId.of(rs.getString(3)), ServiceItemCode.of(rs.getString(4))),
                value);
    }

    /** Raised when a freshly drawn tracking number is already taken; the receipt is retried with another. */
    public static final class TrackingNumberCollision extends RuntimeException {
        public TrackingNumberCollision(TrackingNumber trackingNumber) {
            super("tracking number already taken", null, false, false);
        }
    }
}
