package org.weimin.ops.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The key store on an in-memory H2 with the project's DDL, at fixed instants (a store per instant over one database):
 * expiry and purge, takeover of an abandoned in-flight key, mismatch, and replies encrypted at rest.
 */
class IdempotencyStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final byte[] KEY = new byte[32];

    private final SingleConnectionDataSource db = new SingleConnectionDataSource(
            "jdbc:h2:mem:idem-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
    private final JdbcTemplate jdbc = new JdbcTemplate(db);

    IdempotencyStoreTest() {
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql")).execute(db);
    }

    @AfterEach
    void close() {
        jdbc.execute("SHUTDOWN");
        db.destroy();
    }

    private IdempotencyStore at(Instant now) {
        return new IdempotencyStore(jdbc, Clock.fixed(now, ZoneOffset.UTC), KEY, TTL, LEASE);
    }

    private static StoredReply reply(String body) {
        return new StoredReply(201, "application/json", "/api/cases/c-1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCompletedKeyReplaysItsReplyUntilItExpiresThenCountsAsNew() {
        assertThat(at(T0).claim("jjd-window", "k-1", "h1")).isEqualTo(new IdempotencyStore.Run(false));
        at(T0).complete("jjd-window", "k-1", reply("{\"caseId\":\"c-1\"}"));

        IdempotencyStore.Claim later = at(T0.plus(TTL).minusSeconds(1)).claim("jjd-window", "k-1", "h1");
        assertThat(later).isInstanceOf(IdempotencyStore.Replay.class);
        StoredReply replayed = ((IdempotencyStore.Replay) later).reply();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.location()).isEqualTo("/api/cases/c-1");
        assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"caseId\":\"c-1\"}");

        assertThat(at(T0.plus(TTL)).claim("jjd-window", "k-1", "h2"))
                .as("an expired key is new again, whatever request it had").isEqualTo(new IdempotencyStore.Run(false));
    }

    @Test
    void purgeDeletesOnlyExpiredKeys() {
        at(T0).claim("a", "old", "h");
        at(T0).complete("a", "old", reply("{}"));
        at(T0.plusSeconds(3600)).claim("a", "young", "h");

        assertThat(at(T0.plus(TTL)).purgeExpired()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT idem_key FROM idempotency_key", String.class)).containsExactly("young");
    }

    @Test
    void theSameKeyForAnotherRequestIsAMismatchAndAnotherCallerIsIndependent() {
        at(T0).claim("jjd-window", "k", "h1");
        at(T0).complete("jjd-window", "k", reply("{}"));

        assertThat(at(T0).claim("jjd-window", "k", "h2")).isInstanceOf(IdempotencyStore.Mismatch.class);
        assertThat(at(T0).claim("sfq-window", "k", "h2")).isEqualTo(new IdempotencyStore.Run(false));
    }

    @Test
    void anInFlightKeyIsRefusedWithinItsLeaseAndTakenOverAfterIt() {
        at(T0).claim("jjd-window", "k", "h");

        IdempotencyStore.Claim during = at(T0.plusSeconds(30)).claim("jjd-window", "k", "h");
        assertThat(during).isInstanceOf(IdempotencyStore.InFlight.class);
        assertThat(((IdempotencyStore.InFlight) during).retryAfter()).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(5));

        assertThat(at(T0.plus(LEASE)).claim("jjd-window", "k", "h"))
                .as("the first request's node crashed before storing the reply").isEqualTo(new IdempotencyStore.Run(true));
        assertThat(at(T0.plus(LEASE)).claim("jjd-window", "k", "h"))
                .as("the takeover holds a fresh lease").isInstanceOf(IdempotencyStore.InFlight.class);
    }

    @Test
    void aReleasedKeyRunsAgain() {
        at(T0).claim("jjd-window", "k", "h");
        at(T0).release("jjd-window", "k");

        assertThat(at(T0).claim("jjd-window", "k", "h")).isEqualTo(new IdempotencyStore.Run(false));
    }

    @Test
    void repliesAreEncryptedAtRest() {
        at(T0).claim("jjd-window", "k", "h");
        at(T0).complete("jjd-window", "k", reply("{\"verificationCode\":\"K7M2Q9XA\"}"));

        byte[] stored = jdbc.queryForObject("SELECT reply FROM idempotency_key", byte[].class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("K7M2Q9XA", "verificationCode");
    }
}
