package org.weimin.events.users;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/** An administrator enabled a disabled account again. */
@Revision("1")
public record UserEnabled(
        String username,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements UserEvent {
}
