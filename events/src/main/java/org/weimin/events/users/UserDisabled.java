package org.weimin.events.users;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/** An administrator disabled an account: no new token for it; tokens issued before run out within their lifetime. */
@Revision("1")
public record UserDisabled(
        String username,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements UserEvent {
}
