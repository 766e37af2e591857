package org.weimin.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.users.UserAccount;
import org.weimin.command.users.UserCommands.CreateUser;
import org.weimin.events.Actor;
import org.weimin.events.access.Role;
import org.weimin.events.org.OrgTree;
import org.weimin.ops.security.UserStore.StoredUser;
import org.weimin.ops.StoreStartupSteps;
import org.weimin.ops.store.SecretFiles;

/**
 * Fills an empty user store at start (the embedded default). With {@code weimin.security.users} set (the default: the
 * demo accounts of {@code reference/users.json}) it copies that file's accounts, hashes included; they are reference
 * data from a file and get their {@code UserCreated} on their first change. With {@code weimin.security.users} empty
 * (a real deployment without an external issuer) it creates the <b>first-run administrator</b> {@code admin} in the
 * root unit with a random password written once to {@code <data-dir>/secrets/initial-admin-password} (mode 600); the
 * log names the file, never the password. A store that has accounts is left alone, whatever the file says.
 */
public class UserStoreInitializer implements ApplicationRunner {
    static final String FIRST_ADMIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(UserStoreInitializer.class);

    private final UserStore store;
    private final Resource usersFile;
    private final ObjectMapper json;
    private final OrgTree orgTree;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final Path secrets;
    private final Clock clock;
    private StoreStartupSteps steps;

    public UserStoreInitializer(UserStore store, Resource usersFile, ObjectMapper json, OrgTree orgTree,
                                PasswordEncoder passwords, CommandGateway commands, TransactionTemplate transactions,
                                Path secrets, Clock clock) {
        this.store = store;
        this.usersFile = usersFile;
        this.json = json;
        this.orgTree = orgTree;
        this.passwords = passwords;
        this.commands = commands;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Runs the fill as a start-up step (deferred while Axon Server is unreachable); without it, at once. */
    public UserStoreInitializer deferrable(StoreStartupSteps startupSteps) {
        this.steps = startupSteps;
        return this;
    }

    /** Fills the store now, or once Axon Server is reachable when it is the event store ({@link StoreStartupSteps}). */
    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (steps == null) {
            fill();
        } else {
            steps.run("user store", this::fill);
        }
    }

    void fill() throws IOException {
        if (store.count() > 0) {
            return;
        }
        if (usersFile != null) {
            List<UserDirectory.StaffAccount> accounts = UserDirectory.load(usersFile, json, orgTree).all();
            transactions.executeWithoutResult(status -> accounts.forEach(a -> store.insert(new StoredUser(
                    a.username(), a.displayName(), a.unit(), a.roles(), a.passwordHash(), false, false))));
            log.info("User store filled with {} accounts from {}", accounts.size(), usersFile.getDescription());
            return;
        }
        Path file = secrets.resolve(PASSWORD_FILE);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        SecretFiles.writeOnce(secrets, PASSWORD_FILE,
                Base64.getUrlEncoder().withoutPadding().encode(random));
        // A start that crashed after writing the file reuses it, so the file always holds the valid password.
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String unit = orgTree.root().id().value();
        List<String> roles = List.of(Role.ADMINISTRATOR.claim());
        transactions.executeWithoutResult(status -> {
            store.insert(new StoredUser(FIRST_ADMIN, "首次启动管理员", unit, Set.copyOf(roles),
                    passwords.encode(password), false, true));
            commands.sendAndWait(new CreateUser(UserAccount.idOf(FIRST_ADMIN), FIRST_ADMIN, "首次启动管理员",
                    orgTree.root().id(), roles, Actor.system("first-run"), clock.instant()));
        });
        log.warn("First start with an empty user store: created the administrator '{}'; its password is in {} "
                + "(readable by this user only). Log in, create named administrators, then disable '{}' and delete "
                + "the file.", FIRST_ADMIN, file, FIRST_ADMIN);
    }
}
