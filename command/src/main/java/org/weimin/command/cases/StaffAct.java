package org.weimin.command.cases;

import java.time.Instant;
import java.util.Objects;
import org.weimin.events.Actor;
import org.weimin.events.UnitId;

/**
 * Who acts in a staff command, for which unit, and when: the actor, the staff member's unit, whether they act in a
 * supervising capacity for this command ({@code AccessPolicy.oversees}: a supervisor, or a unit head deciding an
 * extension), and the business and recording times stamped by the command API's clock. The aggregate judges the
 * command's scope on these ({@code Case#checkScope}).
 */
public record StaffAct(Actor actor, UnitId unit, boolean supervisor, Instant occurredAt, Instant recordedAt) {
    public StaffAct {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
