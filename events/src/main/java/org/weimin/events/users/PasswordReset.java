package org.weimin.events.users;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator set a new password for an account. That it happened, by whom and when is on record; the password
 * and its hash are not (the hash is in the user store's table only).
 */
@Revision("1")
public record PasswordReset(
        String username,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements UserEvent {
}
