package org.weimin.ops.ledger;

import java.nio.file.Path;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.weimin.ops.store.DataDirectory;

/**
 * The event storage engine with the ledger: Axon's {@link JdbcEventStorageEngine} exactly as its Spring Boot
 * auto-configuration builds it (same serializers, upcasters, snapshot filter, schema: Axon's defaults unless an
 * {@link EventSchema} bean says otherwise), except that events are appended
 * by {@link HashingAppendEvents} and that streams read {@code weimin.events.fetch-batch-size} events per query (Axon's
 * default is 100: a replay of 1,000,000 events would be 10,000 round trips). Defining this bean replaces the
 * auto-configured engine. With Axon Server as the event store ({@code axonserver} profile) it is not defined, so that
 * Axon's connector provides the event store; the ledger's hash chain and checkpoints cover the JDBC store only (README
 * "Running on more than one machine").
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    LedgerAppendGate ledgerAppendGate() {
        return new LedgerAppendGate();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, ObjectProvider<EventSchema> eventSchema,
                                          LedgerAppendGate gate,
                                          @Value("${weimin.events.fetch-batch-size:1000}") int fetchBatchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new))
                .appendEvents(new HashingAppendEvents(gate))
                .batchSize(fetchBatchSize)
                .build();
    }

    /**
     * The checkpoint signing keys ({@link LedgerKeyRing}), the current one from
     * {@code weimin.ledger.signing-key-file}, default {@code <data-dir>/secrets/ledger-signing.key} (created on first
     * start; the public key beside it).
     */
    @Bean
    LedgerKeyRing ledgerKeyRing(@Value("${weimin.ledger.signing-key-file:}") String file, DataDirectory data,
                                javax.sql.DataSource dataSource, java.time.Clock clock) {
        Path path = file.isBlank() ? data.path().resolve("secrets").resolve("ledger-signing.key") : Path.of(file);
        return new LedgerKeyRing(dataSource, path, LedgerSigningKey.loadOrCreate(path), clock);
    }
}
