package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;

import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.events.Actor;
import org.weimin.events.ActorKind;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.CaseAccepted;
import org.weimin.events.cases.CaseBecameOverdue;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseForwarded;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.CaseWarned;
import org.weimin.events.cases.ResultType;

/**
 * Importing a historical record (issue 6): the same events as the staff path, actor {@code IMPORTER}, business times
 * from the record, recording time now; late records carry the warning and overdue findings their timers would have
 * recorded, in business-time order, never an escalation; open records get their timers.
 */
class CaseImportTest {
    private static final Actor IMPORTER = new Actor(ActorKind.IMPORTER, "teddy2020c-att4");
    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final String REASON = "导入：原记录的承办单位";

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    private static ImportCase importCase(Instant forwardedAt, Instant completedAt) {
        ReceiveCase r = receiveCase();
        return new ImportCase(r.caseId(), r.trackingNumber(), r.verificationCodeHash(), r.serviceItem(), r.window(),
                r.holder(), r.channel(), r.firstContactOfficer(), r.applicant(), r.subject(), r.description(),
                r.limitWorkingDays(), IMPORTER, RECEIVED_AT, forwardedAt == null ? null : CIVIL_AFFAIRS, forwardedAt,
                REASON, completedAt == null ? null : ResultType.RESOLVED, completedAt == null ? null : "已答复",
                completedAt, NOW);
    }

    private static CaseReceived received() {
        ReceiveCase r = receiveCase();
        return new CaseReceived(r.caseId(), r.trackingNumber(), r.verificationCodeHash(), r.serviceItem(), r.window(),
                r.holder(), r.channel(), r.firstContactOfficer(), r.applicant(), r.subject(), r.description(),
                r.limitWorkingDays(), DEADLINE, IMPORTER, RECEIVED_AT, NOW);
    }

    @Test
    void anOnTimeRecordIsReceivedForwardedAcceptedAndCompletedAtItsOwnTimes() {
        fixture.givenCurrentTime(NOW)
                .when(importCase(FORWARDED_AT, BEFORE_DEADLINE))
                .expectEvents(received(),
                        new CaseForwarded(CASE_ID, HOLDER, CIVIL_AFFAIRS, REASON, RETURN_WINDOW_CLOSES_AT, IMPORTER,
                                FORWARDED_AT, NOW),
                        new CaseAccepted(CASE_ID, CIVIL_AFFAIRS, IMPORTER, FORWARDED_AT, NOW),
                        new CaseCompleted(CASE_ID, 1, ResultType.RESOLVED, "已答复", CIVIL_AFFAIRS, true, IMPORTER,
                                BEFORE_DEADLINE, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aLateRecordCarriesItsWarningAndOverdueFindingsButNoEscalation() {
        fixture.givenCurrentTime(NOW)
                .when(importCase(FORWARDED_AT, AFTER_DEADLINE))
                .expectEvents(received(),
                        new CaseForwarded(CASE_ID, HOLDER, CIVIL_AFFAIRS, REASON, RETURN_WINDOW_CLOSES_AT, IMPORTER,
                                FORWARDED_AT, NOW),
                        new CaseAccepted(CASE_ID, CIVIL_AFFAIRS, IMPORTER, FORWARDED_AT, NOW),
                        new CaseWarned(CASE_ID, DUE_AT, CIVIL_AFFAIRS, Actor.system(CaseTimers.WARNING), WARNING_AT,
                                NOW),
                        new CaseBecameOverdue(CASE_ID, DUE_AT, CIVIL_AFFAIRS, Actor.system(CaseTimers.OVERDUE),
                                DUE_AT, NOW),
                        new CaseCompleted(CASE_ID, 1, ResultType.RESOLVED, "已答复", CIVIL_AFFAIRS, false, IMPORTER,
                                AFTER_DEADLINE, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aForwardAfterTheDeadlineComesAfterTheFindingsWhichNameTheReceivingCentre() {
        Instant lateForward = AFTER_DEADLINE.minusSeconds(600);
        Instant completed = AFTER_DEADLINE;
        fixture.givenCurrentTime(NOW)
                .when(importCase(lateForward, completed))
                .expectEvents(received(),
                        new CaseWarned(CASE_ID, DUE_AT, HOLDER, Actor.system(CaseTimers.WARNING), WARNING_AT, NOW),
                        new CaseBecameOverdue(CASE_ID, DUE_AT, HOLDER, Actor.system(CaseTimers.OVERDUE), DUE_AT, NOW),
                        new CaseForwarded(CASE_ID, HOLDER, CIVIL_AFFAIRS, REASON,
                                Instant.parse("2025-03-12T16:00:00Z"), IMPORTER, lateForward, NOW),
                        new CaseAccepted(CASE_ID, CIVIL_AFFAIRS, IMPORTER, lateForward, NOW),
                        new CaseCompleted(CASE_ID, 1, ResultType.RESOLVED, "已答复", CIVIL_AFFAIRS, false, IMPORTER,
                                completed, NOW));
    }

    @Test
    void anOpenRecordGetsItsTimersAndAPastDeadlineIsRecordedWithoutEscalation() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(importCase(null, null))
                .whenTimeAdvancesTo(NOW.plusSeconds(1))
                .expectEvents(
                        new CaseWarned(CASE_ID, DUE_AT, HOLDER, Actor.system(CaseTimers.WARNING), WARNING_AT,
                                timersClock().instant()),
                        new CaseBecameOverdue(CASE_ID, DUE_AT, HOLDER, Actor.system(CaseTimers.OVERDUE), DUE_AT,
                                timersClock().instant()));
    }
}
