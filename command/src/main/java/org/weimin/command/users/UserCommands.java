package org.weimin.command.users;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.UnitId;

/**
 * Commands on a staff account ({@link UserAccount}); validated by the user administration before they are sent (known
 * unit, known roles, user-name shape). {@code accountId} is {@link UserAccount#idOf} of the user name.
 */
public final class UserCommands {
    private UserCommands() {
    }

    /** Create an account; {@code roles} sorted role names. */
    public record CreateUser(@TargetAggregateIdentifier String accountId, String username, String displayName,
                             UnitId unit, List<String> roles, Actor actor, Instant at) {
    }

    /** Replace the account's roles. */
    public record ChangeRoles(@TargetAggregateIdentifier String accountId, List<String> roles, Actor actor,
                              Instant at) {
    }

    /** Disable the account, with a reason. */
    public record DisableUser(@TargetAggregateIdentifier String accountId, String reason, Actor actor, Instant at) {
    }

    /** Enable a disabled account. */
    public record EnableUser(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }

    /** Record that the password was reset (the new hash goes to the user store, never into the event). */
    public record ResetPassword(@TargetAggregateIdentifier String accountId, Actor actor, Instant at) {
    }
}
