package org.weimin.events.users;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.UnitId;

/**
 * A staff account was created, by an administrator or, for the first-run administrator, by the system.
 *
 * @param roles role names as tokens carry them (e.g. {@code window-staff}), sorted
 */
@Revision("1")
public record UserCreated(
        String username,
        String displayName,
        UnitId unit,
        List<String> roles,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements UserEvent {
}
