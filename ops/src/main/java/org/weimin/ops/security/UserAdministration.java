package org.weimin.ops.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.users.UserAccount;
import org.weimin.command.users.UserCommands.ChangeRoles;
import org.weimin.command.users.UserCommands.CreateUser;
import org.weimin.command.users.UserCommands.DisableUser;
import org.weimin.command.users.UserCommands.EnableUser;
import org.weimin.command.users.UserCommands.ResetPassword;
import org.weimin.events.Actor;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.weimin.events.org.OrgTree;
import org.weimin.ops.security.UserStore.StoredUser;

/**
 * Administrators manage the embedded default's staff accounts (issue 7): create, set roles, disable and enable, reset
 * the password. Each change is a {@code UserAccount} event (who did it, when; never a password or hash) appended in
 * the same transaction as the change to table {@code staff_user}, so the two never disagree. An account seeded from
 * {@code weimin.security.users} gets its {@code UserCreated} (by the system, {@code users-file}) just before its first
 * change.
 */
public class UserAdministration {
    /** Lower-case letters, digits, dot, dash and underscore; 2–64 characters. */
    static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,63}";
    /** Shortest password an administrator may set. */
    static final int MIN_PASSWORD = 12;
    static final Actor USERS_FILE = Actor.system("users-file");

    private final UserStore store;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final OrgTree orgTree;
    private final EventStore events;
    private final Clock clock;

    public UserAdministration(UserStore store, PasswordEncoder passwords, CommandGateway commands,
                              TransactionTemplate transactions, OrgTree orgTree, EventStore events, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.commands = commands;
        this.transactions = transactions;
        this.orgTree = orgTree;
        this.events = events;
        this.clock = clock;
    }

    /** An account as administrators see it: no hash. */
    public record UserSummary(String username, String displayName, String unit, Set<String> roles, boolean disabled) {
        static UserSummary of(StoredUser user) {
            return new UserSummary(user.username(), user.displayName(), user.unit(), user.roles(), user.disabled());
        }
    }

    /** One event of an account's history: its type, sequence, payload (no secret is in any) and recording time. */
    public record HistoryEntry(long sequence, String type, Object payload, Instant recordedAt) {
    }

    public List<UserSummary> list(StaffMember admin) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return store.all().stream().map(UserSummary::of).toList();
    }

    /**
     * @throws DomainException {@code VALIDATION_FAILED} (user name, roles, password), {@code UNKNOWN_ORG_UNIT},
     *                         {@code USER_ALREADY_EXISTS}
     */
    public UserSummary create(StaffMember admin, String username, String displayName, String unit, Set<String> roles,
                              String password) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        if (username == null || !username.matches(USERNAME)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A user name is 2–64 of a-z, 0-9, '.', '-', '_'.",
                    Map.of("username", String.valueOf(username)));
        }
        UnitId unitId = orgTree.require(UnitId.of(unit)).id();
        List<String> sorted = validRoles(roles);
        String hash = hash(password);
        Instant now = clock.instant();
        StoredUser user = new StoredUser(username, displayName, unitId.value(), Set.copyOf(sorted), hash, false, true);
        try {
            transactions.executeWithoutResult(status -> {
                store.insert(user);
                commands.sendAndWait(new CreateUser(UserAccount.idOf(username), username, displayName, unitId,
                        sorted, admin.asActor(), now));
            });
        } catch (DuplicateKeyException e) {
            throw new DomainException(ErrorCode.USER_ALREADY_EXISTS, "User " + username + " exists already.",
                    Map.of("username", username));
        }
        return UserSummary.of(user);
    }

    /** @throws DomainException {@code USER_NOT_FOUND}, {@code VALIDATION_FAILED} */
    public UserSummary setRoles(StaffMember admin, String username, Set<String> roles) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        List<String> sorted = validRoles(roles);
        if (admin.id().value().equals(username) && !sorted.contains(Role.ADMINISTRATOR.claim())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "Administrators cannot take their own administrator role; ask another administrator.",
                    Map.of("roles", "keeps " + Role.ADMINISTRATOR.claim()));
        }
        return change(admin, username, now -> {
            store.setRoles(username, Set.copyOf(sorted));
            return new ChangeRoles(UserAccount.idOf(username), sorted, admin.asActor(), now);
        });
    }

    /** @throws DomainException {@code USER_NOT_FOUND}, {@code USER_STATE_UNCHANGED}, {@code VALIDATION_FAILED} */
    public UserSummary disable(StaffMember admin, String username, String reason) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        if (admin.id().value().equals(username)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Administrators cannot disable themselves.",
                    Map.of("username", username));
        }
        return change(admin, username, now -> {
            store.setDisabled(username, true);
            return new DisableUser(UserAccount.idOf(username), reason, admin.asActor(), now);
        });
    }

    /** @throws DomainException {@code USER_NOT_FOUND}, {@code USER_STATE_UNCHANGED} */
    public UserSummary enable(StaffMember admin, String username) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        return change(admin, username, now -> {
            store.setDisabled(username, false);
            return new EnableUser(UserAccount.idOf(username), admin.asActor(), now);
        });
    }

    /** @throws DomainException {@code USER_NOT_FOUND}, {@code VALIDATION_FAILED} for a short password */
    public UserSummary resetPassword(StaffMember admin, String username, String password) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        String hash = hash(password);
        return change(admin, username, now -> {
            store.setPasswordHash(username, hash);
            return new ResetPassword(UserAccount.idOf(username), admin.asActor(), now);
        });
    }

    /** The account's events, oldest first. @throws DomainException {@code USER_NOT_FOUND} */
    public List<HistoryEntry> history(StaffMember admin, String username) {
        AccessPolicy.requireRole(admin, Action.ADMINISTER);
        StoredUser user = require(username);
        if (!user.recorded()) {
            return List.of();
        }
        return events.readEvents(UserAccount.idOf(username)).asStream()
                .map(e -> new HistoryEntry(e.getSequenceNumber(), e.getPayloadType().getSimpleName(), e.getPayload(),
                        e.getTimestamp()))
                .toList();
    }

    private interface Change {
        Object command(Instant now);
    }

    private UserSummary change(StaffMember admin, String username, Change change) {
        require(username);
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            StoredUser user = require(username);
            if (!user.recorded()) {
                commands.sendAndWait(new CreateUser(UserAccount.idOf(username), username, user.displayName(),
                        UnitId.of(user.unit()), List.copyOf(new TreeSet<>(user.roles())), USERS_FILE, now));
                store.markRecorded(username);
            }
            commands.sendAndWait(change.command(now));
        });
        return UserSummary.of(require(username));
    }

    private StoredUser require(String username) {
        return store.find(username).orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND,
                "No user " + username + "."));
    }

    private static List<String> validRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "An account has at least one role.",
                    Map.of("roles", "at least one"));
        }
        for (String role : roles) {
            if (Role.ofClaim(role).isEmpty()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Unknown role " + role + ".",
                        Map.of("roles", "one of window-staff, unit-head, line-department-handler, supervisor, "
                                + "auditor, administrator, importer"));
            }
        }
        return List.copyOf(new TreeSet<>(roles));
    }

    private String hash(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "A password has " + MIN_PASSWORD + " to 200 characters.", Map.of("password", "length"));
        }
        return passwords.encode(password);
    }
}
