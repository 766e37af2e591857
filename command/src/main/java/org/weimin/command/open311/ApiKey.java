package org.weimin.command.open311;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.command.open311.ApiKeyCommands.IssueApiKey;
import org.weimin.command.open311.ApiKeyCommands.RevokeApiKey;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.open311.ApiKeyIssued;
import org.weimin.events.open311.ApiKeyRevoked;

/**
 * An Open311 API key's history (issue 9; like {@code UserAccount}): issued by an administrator, bound to a receiving
 * window, revoked once. Holds no secret: the key's hash lives in the key store's table, written in the same
 * transaction as these events. Times come with the commands; the aggregate reads no clock.
 */
@Aggregate
public class ApiKey {
    @AggregateIdentifier
    private String aggregateId;
    private String keyId;
    private boolean revoked;

    protected ApiKey() {
    }

    /** The aggregate id of a key's public id: prefixed, so that it never meets a case's or a user's id. */
    public static String idOf(String keyId) {
        return "apikey:" + keyId;
    }

    @CommandHandler
    public ApiKey(IssueApiKey command) {
        apply(new ApiKeyIssued(command.keyId(), command.label(), command.window(), command.actor(), command.at(),
                command.at()));
    }

    /**
     * @return the key's sequence after the revocation
     * @throws DomainException {@code API_KEY_ALREADY_REVOKED} when revoked before
     */
    @CommandHandler
    public long handle(RevokeApiKey command) {
        if (revoked) {
            throw new DomainException(ErrorCode.API_KEY_ALREADY_REVOKED, "API key " + keyId + " is revoked already.");
        }
        apply(new ApiKeyRevoked(keyId, command.reason(), command.actor(), command.at(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        aggregateId = idOf(event.keyId());
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
