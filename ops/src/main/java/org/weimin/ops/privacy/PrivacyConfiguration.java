package org.weimin.ops.privacy;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.ops.store.DataDirectory;

/** Keys and the personal-data vault (rules.md "Personal data", "Identifiers"). */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    /** {@code weimin.security.master-key} (base64) when set, else the embedded default's generated key file. */
    @Bean
    MasterKey masterKey(@Value("${weimin.security.master-key:}") String configured, DataDirectory data) {
        return configured.isBlank()
                ? MasterKey.fromFileOrGenerate(data.path().resolve("secrets"))
                : MasterKey.fromBase64(configured);
    }

    @Bean
    KeyedHasher keyedHasher(MasterKey masterKey) {
        return new HmacKeyedHasher(masterKey);
    }

    @Bean
    JdbcPersonalDataVault personalDataVault(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                        MasterKey masterKey, KeyedHasher hasher, Clock clock) {
        return new JdbcPersonalDataVault(jdbc, transactions, masterKey, hasher, clock);
    }
}
