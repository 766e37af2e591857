package org.weimin.events.open311;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.UnitId;

/**
 * An administrator issued an Open311 API key (issue 9). Requests created with it are received at {@code window} by the
 * online channel, with the key as actor ({@code API_CLIENT}).
 *
 * @param keyId  the key's public id (shown in lists and as the actor id of the cases it creates)
 * @param label  who the key is for, in the administrator's words (an app, a partner)
 * @param window the receiving window the key is bound to
 */
@Revision("1")
public record ApiKeyIssued(
        String keyId,
        String label,
        UnitId window,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ApiKeyEvent {
}
