package org.weimin.events.open311;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/** An administrator revoked an Open311 API key: from then on it is refused (403) like an unknown one. */
@Revision("1")
public record ApiKeyRevoked(
        String keyId,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ApiKeyEvent {
}
