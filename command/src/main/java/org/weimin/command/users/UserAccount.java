package org.weimin.command.users;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.command.users.UserCommands.ChangeRoles;
import org.weimin.command.users.UserCommands.CreateUser;
import org.weimin.command.users.UserCommands.DisableUser;
import org.weimin.command.users.UserCommands.EnableUser;
import org.weimin.command.users.UserCommands.ResetPassword;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.users.PasswordReset;
import org.weimin.events.users.UserCreated;
import org.weimin.events.users.UserDisabled;
import org.weimin.events.users.UserEnabled;
import org.weimin.events.users.UserRolesChanged;

/**
 * A staff account's history (issue 7: reference-data changes are themselves events). Holds no secret: the password
 * hash lives in the user store's table, written in the same transaction as these events. Times come with the
 * commands; the aggregate reads no clock.
 */
@Aggregate
public class UserAccount {
    @AggregateIdentifier
    private String accountId;
    private String username;
    private boolean disabled;

    protected UserAccount() {
    }

    /** The aggregate id of a user name: prefixed, so that it never meets a case's id in the event store. */
    public static String idOf(String username) {
        return "user:" + username;
    }

    @CommandHandler
    public UserAccount(CreateUser command) {
        apply(new UserCreated(command.username(), command.displayName(), command.unit(), List.copyOf(command.roles()),
                command.actor(), command.at(), command.at()));
    }

    /** @return the account's sequence after the change */
    @CommandHandler
    public long handle(ChangeRoles command) {
        apply(new UserRolesChanged(username, List.copyOf(command.roles()), command.actor(), command.at(),
                command.at()));
        return AggregateLifecycle.getVersion();
    }

    /** @throws DomainException {@code USER_STATE_UNCHANGED} when already disabled */
    @CommandHandler
    public long handle(DisableUser command) {
        if (disabled) {
            throw new DomainException(ErrorCode.USER_STATE_UNCHANGED, "User " + username + " is disabled already.");
        }
        apply(new UserDisabled(username, command.reason(), command.actor(), command.at(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    /** @throws DomainException {@code USER_STATE_UNCHANGED} when not disabled */
    @CommandHandler
    public long handle(EnableUser command) {
        if (!disabled) {
            throw new DomainException(ErrorCode.USER_STATE_UNCHANGED, "User " + username + " is not disabled.");
        }
        apply(new UserEnabled(username, command.actor(), command.at(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ResetPassword command) {
        apply(new PasswordReset(username, command.actor(), command.at(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        accountId = idOf(event.username());
        username = event.username();
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabled event) {
        disabled = false;
    }
}
