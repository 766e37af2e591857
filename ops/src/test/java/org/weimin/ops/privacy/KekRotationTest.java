package org.weimin.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.Sealed;

/** Re-wrapping applicant data keys under a new KEK generation (issue 7, README "Key management"). */
class KekRotationTest {
    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private MasterKey master;
    private JdbcPersonalDataVault vault;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(dataSource());
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql")).execute(jdbc.getDataSource());
        master = MasterKey.fromFileOrGenerate(dir.resolve("secrets"));
        vault = restarted();
    }

    private JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** A fresh vault on the same files: nothing unwrapped in memory, so every open goes through the KEK. */
    private JdbcPersonalDataVault restarted() {
        JdbcDataSource dataSource = dataSource();
        return new JdbcPersonalDataVault(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
                master, new HmacKeyedHasher(master), Clock.fixed(Instant.parse("2025-03-03T02:00:00Z"), ZoneOffset.UTC));
    }

    private List<byte[]> wrappedKeys() {
        return jdbc.queryForList("SELECT wrapped_key FROM applicant_data_key WHERE erased_at IS NULL ORDER BY key_id",
                byte[].class);
    }

    @Test
    void dataSealedBeforeARotationOpensAfterItAndErasedKeysStayErased() {
        Sealed kept = vault.seal(ApplicantKeyId.of("case:1"), "张三丰");
        Sealed erased = vault.seal(ApplicantKeyId.of("case:2"), "13912345678");
        vault.erase(ApplicantKeyId.of("case:2"));
        List<byte[]> before = wrappedKeys();

        JdbcPersonalDataVault.KekRotation rotation = restarted().rotateKek();

        assertThat(rotation).isEqualTo(new JdbcPersonalDataVault.KekRotation(2, 1, true));
        assertThat(wrappedKeys()).as("re-wrapped").hasSize(1).first().isNotEqualTo(before.get(0));
        assertThat(jdbc.queryForList("SELECT kek_generation FROM applicant_data_key ORDER BY key_id", Integer.class))
                .as("the erased row is not touched").containsExactly(2, 1);
        JdbcPersonalDataVault after = restarted();
        assertThat(after.open(kept)).contains("张三丰");
        assertThat(after.open(erased)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applicant_data_key WHERE key_id = 'case:2' "
                + "AND wrapped_key IS NULL", Integer.class)).isEqualTo(1);
        Sealed fresh = after.seal(ApplicantKeyId.of("case:3"), "李四");
        assertThat(jdbc.queryForObject("SELECT kek_generation FROM applicant_data_key WHERE key_id = 'case:3'",
                Integer.class)).as("new keys under the new generation").isEqualTo(2);
        assertThat(restarted().open(fresh)).contains("李四");
        assertThat(after.kekStatus()).isEqualTo(new JdbcPersonalDataVault.KekStatus(2, true, 2, 1, 0));
    }

    @Test
    void aRotationStoppedHalfWayLeavesEveryRowReadableAndARerunCompletesIt() {
        List<Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sealed.add(vault.seal(ApplicantKeyId.of("case:" + i), "name " + i));
        }

        JdbcPersonalDataVault.KekRotation partial = restarted().rotateKek(2, 1);

        assertThat(partial).isEqualTo(new JdbcPersonalDataVault.KekRotation(2, 2, false));
        assertThat(jdbc.queryForList("SELECT kek_generation FROM applicant_data_key ORDER BY key_id", Integer.class))
                .containsExactly(2, 2, 1, 1, 1);
        JdbcPersonalDataVault afterCrash = restarted();
        for (int i = 0; i < 5; i++) {
            assertThat(afterCrash.open(sealed.get(i))).contains("name " + i);
        }
        assertThat(afterCrash.kekStatus()).isEqualTo(new JdbcPersonalDataVault.KekStatus(2, false, 5, 0, 3));

        JdbcPersonalDataVault.KekRotation rerun = restarted().rotateKek();

        assertThat(rerun).as("finishes generation 2, does not start 3")
                .isEqualTo(new JdbcPersonalDataVault.KekRotation(2, 3, true));
        JdbcPersonalDataVault done = restarted();
        for (int i = 0; i < 5; i++) {
            assertThat(done.open(sealed.get(i))).contains("name " + i);
        }
        assertThat(done.rotateKek()).as("a further rotation is a new generation")
                .isEqualTo(new JdbcPersonalDataVault.KekRotation(3, 5, true));
        assertThat(restarted().open(sealed.get(4))).contains("name 4");
    }

    @Test
    void aStoreFromBeforeKekGenerationsIsGenerationOne() {
        Sealed sealed = vault.seal(ApplicantKeyId.of("case:old"), "王五");
        jdbc.execute("ALTER TABLE applicant_data_key DROP COLUMN kek_generation");
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql")).execute(jdbc.getDataSource());
        assertThat(restarted().open(sealed)).contains("王五");
        assertThat(restarted().kekStatus().generation()).isEqualTo(1);
    }
}
