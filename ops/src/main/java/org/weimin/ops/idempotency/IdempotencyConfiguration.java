package org.weimin.ops.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.ops.PeriodicTask;
import org.weimin.ops.privacy.MasterKey;
import org.weimin.ops.web.ProblemWriter;

/**
 * Wires idempotent commands ({@link IdempotencyFilter}) unless {@code weimin.idempotency.enabled=false}: the key store
 * on the application's JDBC store, the filter right after Spring Security, and a daemon thread that purges expired
 * keys every {@code weimin.idempotency.purge-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
@ConditionalOnProperty(name = "weimin.idempotency.enabled", havingValue = "true", matchIfMissing = true)
public class IdempotencyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc, Clock clock, MasterKey master, IdempotencySettings settings) {
        return new IdempotencyStore(jdbc, clock, master.derive("idempotency-replies"), settings.ttl(),
                settings.inFlightTimeout());
    }

    /** After Spring Security's filter chain (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter problems,
                                                                ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, problems, json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Deletes expired keys every {@code weimin.idempotency.purge-interval}; closed with the context. */
    @Bean(destroyMethod = "close")
    PeriodicTask idempotencyPurge(IdempotencyStore store, IdempotencySettings settings) {
        return PeriodicTask.start("idempotency-purge", settings.purgeInterval(), () -> {
            try {
                int purged = store.purgeExpired();
                if (purged > 0) {
                    log.info("Purged {} expired idempotency keys", purged);
                }
            } catch (RuntimeException e) {
                log.warn("Purging expired idempotency keys failed: {}", e.getClass().getSimpleName());
            }
        });
    }
}
