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
import java.util.Base64;
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
}
