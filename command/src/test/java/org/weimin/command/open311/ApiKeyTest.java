package org.weimin.command.open311;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.command.open311.ApiKeyCommands.IssueApiKey;
import org.weimin.command.open311.ApiKeyCommands.RevokeApiKey;
import org.weimin.events.Actor;
import org.weimin.events.DomainException;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.open311.ApiKeyIssued;
import org.weimin.events.open311.ApiKeyRevoked;

/** An Open311 API key's history (issue 9): issued bound to a window, revoked once, with who and when. */
class ApiKeyTest {
    private static final Actor ADMIN = Actor.staff(StaffId.of("admin"));
    private static final Instant ISSUED = Instant.parse("2026-11-30T02:10:00Z");
    private static final Instant REVOKED = Instant.parse("2026-12-01T02:10:00Z");
    private static final String KEY = "k-7f3a9c21e4b8";

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    private static ApiKeyIssued issued() {
        return new ApiKeyIssued(KEY, "示范区政务服务App", UnitId.of("SFQ-ZX-W01"), ADMIN, ISSUED, ISSUED);
    }

    @Test
    void anAdministratorIssuesAKeyBoundToAWindow() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKey(ApiKey.idOf(KEY), KEY, "示范区政务服务App", UnitId.of("SFQ-ZX-W01"), ADMIN,
                        ISSUED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(issued());
    }

    @Test
    void aKeyIsRevokedWithAReason() {
        fixture.given(issued())
                .when(new RevokeApiKey(ApiKey.idOf(KEY), "合作终止", ADMIN, REVOKED))
                .expectEvents(new ApiKeyRevoked(KEY, "合作终止", ADMIN, REVOKED, REVOKED))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cannotRevokeAKeyTwice() {
        fixture.given(issued(), new ApiKeyRevoked(KEY, "合作终止", ADMIN, REVOKED, REVOKED))
                .when(new RevokeApiKey(ApiKey.idOf(KEY), "再次", ADMIN, REVOKED))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("API key " + KEY + " is revoked already.");
    }
}
