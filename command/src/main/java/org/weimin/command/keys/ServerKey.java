package org.weimin.command.keys;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.events.Actor;
import org.weimin.events.keys.KeyRotated;

/**
 * One server key's rotation history (issue 7, README "Key management"; like {@code ApiKey}): each rotation an
 * administrator ran, recorded after the key store changed. Holds no key material; times come with the command.
 */
@Aggregate
public class ServerKey {
    @AggregateIdentifier
    private String aggregateId;

    protected ServerKey() {
    }

    /** The aggregate id of a key name ({@code applicant-kek}, {@code ledger-signing}). */
    public static String idOf(String key) {
        return "serverkey:" + key;
    }

    /** Record a rotation; versions are KEK generations ({@code g2}) or ledger key ids. */
    public record RecordKeyRotation(@TargetAggregateIdentifier String aggregateId, String key, String previousVersion,
                                    String newVersion, long rewrapped, boolean complete, Actor actor, Instant at) {
    }

    /** @return the key's sequence after the rotation */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordKeyRotation c) {
        apply(new KeyRotated(c.key(), c.previousVersion(), c.newVersion(), c.rewrapped(), c.complete(), c.actor(),
                c.at(), c.at()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(KeyRotated event) {
        aggregateId = idOf(event.key());
    }
}
