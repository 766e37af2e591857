package org.weimin.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.users.UserCommands.CreateUser;
import org.weimin.events.ActorKind;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.ops.reference.ReferenceDataConfigurationAccess;

/**
 * The first start of the user store: the demo accounts from a users file, or (no users file) the first-run
 * administrator whose random password is written once to an owner-only file and never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserStoreInitializerTest {
    @TempDir
    Path dir;
    private UserStore store;
    private TransactionTemplate transactions;
    private final CommandGateway commands = mock(CommandGateway.class);
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
    private final OrgTree tree = OrgTree.of(List.of(
            new OrgUnit(UnitId.of("SFS"), "示范市", OrgUnitKind.CITY, null, true),
            new OrgUnit(UnitId.of("SFQ"), "示范区", OrgUnitKind.DISTRICT, UnitId.of("SFS"), true)));

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql")).execute(dataSource);
        store = new UserStore(new JdbcTemplate(dataSource));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private UserStoreInitializer initializer(ClassPathResource usersFile, OrgTree orgTree) {
        return new UserStoreInitializer(store, usersFile, new ObjectMapper(), orgTree, passwords, commands,
                transactions, dir.resolve("secrets"), clock);
    }

    @Test
    void withoutAUsersFileTheFirstStartCreatesAnAdministratorWhosePasswordIsOnlyInAnOwnerOnlyFile(
            CapturedOutput output) throws Exception {
        initializer(null, tree).run(null);

        Path file = dir.resolve("secrets/initial-admin-password");
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        UserStore.StoredUser admin = store.find("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly("administrator");
        assertThat(admin.unit()).isEqualTo("SFS");
        assertThat(passwords.matches(password, admin.passwordHash())).isTrue();
        ArgumentCaptor<CreateUser> sent = ArgumentCaptor.forClass(CreateUser.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().actor().kind()).isEqualTo(ActorKind.SYSTEM);
        assertThat(sent.getValue().toString()).doesNotContain(password);
        assertThat(output.getAll()).contains(file.toString()).doesNotContain(password);

        initializer(null, tree).run(null); // a second start changes nothing
        assertThat(store.count()).isEqualTo(1);
        assertThat(passwords.matches(password, store.find("admin").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void withTheDemoUsersFileAnEmptyStoreGetsItsAccountsWithoutEventsAndIsLeftAloneLater() throws Exception {
        OrgTree demoTree = ReferenceDataConfigurationAccess.orgTree(new ClassPathResource("reference/org-units.json"),
                new ObjectMapper());
        initializer(new ClassPathResource("reference/users.json"), demoTree).run(null);
        assertThat(store.all()).extracting(UserStore.StoredUser::username)
                .contains("jjd-window", "admin", "auditor", "importer");
        assertThat(store.all()).noneMatch(UserStore.StoredUser::recorded);
        assertThat(passwords.matches("demo-window", store.find("jjd-window").orElseThrow().passwordHash())).isTrue();
        verify(commands, never()).sendAndWait(any());
        assertThat(Files.exists(dir.resolve("secrets/initial-admin-password"))).isFalse();
    }
}
