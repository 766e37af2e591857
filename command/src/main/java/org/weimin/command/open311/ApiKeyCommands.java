package org.weimin.command.open311;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.UnitId;

/**
 * Commands on an Open311 API key ({@link ApiKey}); validated by the key administration before they are sent (a known,
 * active window; a label). {@code aggregateId} is {@link ApiKey#idOf} of the key's public id.
 */
public final class ApiKeyCommands {
    private ApiKeyCommands() {
    }

    /** Issue a key bound to a receiving window. The secret and its hash never enter the command. */
    public record IssueApiKey(@TargetAggregateIdentifier String aggregateId, String keyId, String label,
                              UnitId window, Actor actor, Instant at) {
    }

    /** Revoke a key, with a reason. */
    public record RevokeApiKey(@TargetAggregateIdentifier String aggregateId, String reason, Actor actor,
                               Instant at) {
    }
}
