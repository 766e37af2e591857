package org.weimin.ops.store;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Health of the read-model store by a {@code ping} command. Replaces Spring Boot's MongoDB indicator (switched off in
 * application.yml), which sends {@code hello}, a command the embedded mongo-java-server does not implement.
 */
@Component("readModels")
public class ReadModelHealth implements HealthIndicator {
    private final MongoOperations mongo;

    public ReadModelHealth(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            Document reply = mongo.executeCommand(new Document("ping", 1));
            return reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0
                    ? Health.up().build()
                    : Health.down().withDetail("reply", reply.toJson()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
