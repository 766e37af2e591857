package org.weimin.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.IdDocumentType;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.Sealed;

/** Sealing under per-applicant keys wrapped by the master key (rules.md "Personal data"). */
class JdbcPersonalDataVaultTest {
    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private MasterKey master;
    private JdbcPersonalDataVault vault;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        master = MasterKey.fromFileOrGenerate(dir.resolve("secrets"));
        vault = newVault(dataSource, master);
    }

    private JdbcPersonalDataVault newVault(JdbcDataSource dataSource, MasterKey key) {
        return new JdbcPersonalDataVault(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
                key, new HmacKeyedHasher(key), Clock.fixed(Instant.parse("2025-03-03T02:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void sealedTextOpensAgainAndHidesThePlaintext() {
        ApplicantKeyId key = ApplicantKeyId.of("case:1");
        Sealed sealed = vault.seal(key, "张三丰");
        assertThat(sealed.data()).doesNotContain("张三丰");
        assertThat(new String(Base64.getDecoder().decode(sealed.data()), StandardCharsets.UTF_8)).doesNotContain("张三丰");
        assertThat(vault.open(sealed)).contains("张三丰");
        assertThat(vault.seal(key, "张三丰").data()).as("a fresh nonce each time").isNotEqualTo(sealed.data());
    }

    @Test
    void theDataKeyIsDurableBeforeSealReturnsAndSurvivesARestartWithTheSameMasterKey() {
        Sealed sealed = vault.seal(ApplicantKeyId.of("case:2"), "13912345678");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applicant_data_key WHERE key_id = 'case:2'", Integer.class))
                .isEqualTo(1);
        JdbcDataSource again = new JdbcDataSource();
        again.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        again.setUser("sa");
        JdbcPersonalDataVault restarted = newVault(again, MasterKey.fromFileOrGenerate(dir.resolve("secrets")));
        assertThat(restarted.open(sealed)).contains("13912345678");
    }

    @Test
    void anotherMasterKeyCannotOpenIt() {
        Sealed sealed = vault.seal(ApplicantKeyId.of("case:3"), "secret");
        JdbcDataSource same = new JdbcDataSource();
        same.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        same.setUser("sa");
        JdbcPersonalDataVault foreign = newVault(same, MasterKey.fromBase64(
                Base64.getEncoder().encodeToString(new byte[32])));
        assertThatThrownBy(() -> foreign.open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tamperedOrMovedCiphertextFailsAuthentication() {
        Sealed sealed = vault.seal(ApplicantKeyId.of("case:4"), "address");
        byte[] bytes = Base64.getDecoder().decode(sealed.data());
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(new Sealed(sealed.key(), Base64.getEncoder().encodeToString(bytes))))
                .isInstanceOf(IllegalStateException.class);
        vault.seal(ApplicantKeyId.of("case:5"), "other");
        assertThatThrownBy(() -> vault.open(new Sealed(ApplicantKeyId.of("case:5"), sealed.data())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErasedKeyOpensNothing() {
        Sealed sealed = vault.seal(ApplicantKeyId.of("case:6"), "name");
        jdbc.update("UPDATE applicant_data_key SET wrapped_key = NULL, erased_at = CURRENT_TIMESTAMP WHERE key_id = 'case:6'");
        JdbcDataSource same = new JdbcDataSource();
        same.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        same.setUser("sa");
        assertThat(newVault(same, master).open(sealed)).isEmpty();
    }

    @Test
    void erasureDestroysTheWrappedKeyOnceAndThenNothingOpensOrSealsAnyMore() {
        ApplicantKeyId key = ApplicantKeyId.of("case:7");
        Sealed sealed = vault.seal(key, "张三丰");
        assertThat(vault.open(sealed)).as("cached before the erasure").contains("张三丰");

        assertThat(vault.erase(key)).isTrue();
        assertThat(vault.erase(key)).as("a repeat").isFalse();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applicant_data_key WHERE key_id = 'case:7' "
                + "AND wrapped_key IS NULL AND erased_at IS NOT NULL", Integer.class)).isEqualTo(1);
        assertThat(vault.open(sealed)).as("the cache forgot it").isEmpty();
        assertThatThrownBy(() -> vault.seal(key, "again"))
                .isInstanceOfSatisfying(org.weimin.events.DomainException.class, e -> assertThat(e.code())
                        .isEqualTo(org.weimin.events.ErrorCode.APPLICANT_DATA_ERASED));
    }

    @Test
    void anErasureRolledBackWithItsTransactionKeepsTheKey() {
        ApplicantKeyId key = ApplicantKeyId.of("case:8");
        Sealed sealed = vault.seal(key, "13912345678");
        JdbcDataSource same = new JdbcDataSource();
        same.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        same.setUser("sa");
        var transactions = new DataSourceTransactionManager(same);
        JdbcPersonalDataVault inTransaction = newVault(same, master);
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(inTransaction.erase(key)).isTrue();
            status.setRollbackOnly();
        });
        assertThat(inTransaction.open(sealed)).contains("13912345678");
        assertThat(vault.open(sealed)).contains("13912345678");
    }

    @Test
    void aKeyErasedBeforeItWasEverCreatedCanNeverBeCreated() {
        ApplicantKeyId key = ApplicantKeyId.of("case:9");
        assertThat(vault.erase(key)).isTrue();
        assertThatThrownBy(() -> vault.seal(key, "name")).isInstanceOf(org.weimin.events.DomainException.class);
    }

    @Test
    void anApplicantComingBackAfterAnErasureGetsANewGenerationOfKeyAndTheOldDataStaysUnreadable() {
        IdDocument id = IdDocument.parse(IdDocumentType.RESIDENT_ID, "11010519491231002X");
        ApplicantKeyId first = vault.keyForIdDocument(id);
        Sealed before = vault.seal(first, "张三丰");
        assertThat(vault.keyForIdDocument(id)).as("while live").isEqualTo(first);
        vault.erase(first);

        ApplicantKeyId second = vault.keyForIdDocument(id);
        assertThat(second.value()).isEqualTo(first.value() + ".2");
        Sealed after = vault.seal(second, "张三丰");
        assertThat(vault.open(after)).contains("张三丰");
        assertThat(vault.open(before)).isEmpty();
        assertThat(vault.keysOfApplicant(first)).containsExactly(first, second);
        assertThat(vault.keysOfApplicant(second)).containsExactly(first, second);
        assertThat(vault.keysOfApplicant(ApplicantKeyId.of("case:1"))).containsExactly(ApplicantKeyId.of("case:1"));
    }

    @Test
    void oneApplicantKeyPerIdDocumentThatRevealsNothing() {
        IdDocument id = IdDocument.parse(IdDocumentType.RESIDENT_ID, "11010519491231002X");
        ApplicantKeyId key = vault.keyForIdDocument(id);
        assertThat(key.value()).startsWith("idh:").doesNotContain("11010519491231002X");
        assertThat(vault.keyForIdDocument(IdDocument.parse(IdDocumentType.RESIDENT_ID, "１１０１０５１９４９１２３１００２ｘ")))
                .isEqualTo(key);
    }

    @Test
    void theGeneratedMasterKeyIsOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets/master.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets")))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }

    @Test
    void keyedHashesDependOnThePurposeAndTheMasterKey() {
        var hasher = new HmacKeyedHasher(master);
        String code = hasher.hash(KeyedHasher.VERIFICATION_CODE, "ABCD1234");
        assertThat(code).hasSize(64).isNotEqualTo(hasher.hash(KeyedHasher.ID_DOCUMENT, "ABCD1234"));
        assertThat(hasher.matches(KeyedHasher.VERIFICATION_CODE, "ABCD1234", code)).isTrue();
        assertThat(hasher.matches(KeyedHasher.VERIFICATION_CODE, "ABCD1235", code)).isFalse();
        assertThat(new HmacKeyedHasher(MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])))
                .hash(KeyedHasher.VERIFICATION_CODE, "ABCD1234")).isNotEqualTo(code);
    }

    // --- KEK rotation (issue 7, README "Key management") -----------------------------------------------------------

    /** A fresh vault on the same files: nothing unwrapped in memory, so every open goes through the KEK. */
    private JdbcPersonalDataVault restarted() {
        JdbcDataSource again = new JdbcDataSource();
        again.setURL("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0");
        again.setUser("sa");
        return newVault(again, master);
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
