package org.weimin.events.users;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator set the roles of an account: {@code roles} is the whole new set (sorted), so granting and revoking
 * are both this event. Tokens issued before keep their roles until they expire.
 */
@Revision("1")
public record UserRolesChanged(
        String username,
        List<String> roles,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements UserEvent {
}
