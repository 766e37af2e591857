package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Loading a year's holiday schedule over HTTP (rules.md "Deadlines and calendar", example C), with the clock fixed at
 * Wednesday 2026-12-30 10:00 Beijing, when 2026 is the last published year: a case received then for a 3-working-day
 * item counts 12-31, 2027-01-01 and 2027-01-04 under the plain Monday–Friday rule, so its deadline (end of 2027-01-04)
 * is provisional. An invalid schedule is refused and changes nothing; a non-administrator may not load one. Loading
 * 2027 with 01-01 as a holiday makes the open case's deadline firm at the end of 2027-01-05, as a DEADLINE_REVISED
 * step; a completed case is left alone; a new receipt counts with the new calendar.
 *
 * <p>Its own class (and application context): the revision changes the calendar of the running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CalendarRevisionHttpTest extends HttpTestSupport {
    private static final String CALENDAR = "/api/admin/calendar";
    private static final String YEAR_2027 = "/api/admin/calendar/years/2027";
    private static final String PROVISIONAL_DUE = "2027-01-04T16:00:00Z";
    private static final String FIRM_DUE = "2027-01-05T16:00:00Z";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-12-30T02:00:00Z"); // Wed 10:00 Beijing
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishingTheNextYearMakesProvisionalDeadlinesFirmAndAnInvalidScheduleChangesNothing() {
        String window = token("jjd-window", "demo-window");
        String admin = token("admin", "demo-admin");
        String supervisor = token("sfq-supervisor", "demo-supervisor");

        JsonNode before = ok(get(CALENDAR, admin));
        assertThat(years(before)).contains(2026).doesNotContain(2027);
        String revisionBefore = before.get("revision").asText();

        JsonNode receipt = ok(post("/api/cases", window, receiveBody("RS-001")));
        String id = receipt.get("caseId").asText();
        assertThat(receipt.get("deadline").asText()).isEqualTo(PROVISIONAL_DUE);
        assertThat(receipt.get("deadlineProvisional").asBoolean()).isTrue();
        JsonNode received = staffView(id, window, 0);
        assertThat(received.get("deadline").asText()).isEqualTo(PROVISIONAL_DUE);
        assertThat(received.get("deadlineProvisional").asBoolean()).isTrue();
        // A completed case with a provisional deadline is not recounted.
        String done = ok(post("/api/cases", window, receiveBody("RS-001"))).get("caseId").asText();
        ok(post(path(done, "completion"), window, Map.of("result", "GRANTED", "resultText", "当场办结")));

        Map<String, Object> valid = Map.of("notice", "test notice",
                "days", List.of(Map.of("date", "2027-01-01", "kind", "HOLIDAY", "name", "元旦")));
        Map<String, Object> invalid = Map.of("notice", "test notice",
                "days", List.of(Map.of("date", "2027-01-01", "kind", "HOLIDAY", "name", "元旦"),
                        Map.of("date", "2026-06-01", "kind", "HOLIDAY", "name", "不属于2027年通知")));
        assertProblem(post(YEAR_2027, window, valid), 403, "FORBIDDEN");
        assertProblem(post(YEAR_2027, supervisor, valid), 403, "FORBIDDEN");
        assertProblem(post(YEAR_2027, admin, invalid), 400, "VALIDATION_FAILED");
        assertProblem(post(YEAR_2027, admin, Map.of("days", List.of())), 400, "VALIDATION_FAILED");
        java.util.List<Object> nullDay = new java.util.ArrayList<>();
        nullDay.add(null);
        assertProblem(post(YEAR_2027, admin, Map.of("notice", "n", "days", nullDay)), 400, "VALIDATION_FAILED");
        JsonNode unchanged = ok(get(CALENDAR, admin));
        assertThat(unchanged.get("revision").asText()).isEqualTo(revisionBefore);
        assertThat(years(unchanged)).doesNotContain(2027);
        long calendarEvents = jdbc.queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%CalendarRevised'", Long.class);
        assertThat(calendarEvents).as("no revision recorded for the refused schedules").isZero();
        JsonNode stillProvisional = ok(get("/api/cases/" + id, window));
        assertThat(stillProvisional.get("deadline").asText()).isEqualTo(PROVISIONAL_DUE);
        assertThat(stillProvisional.get("deadlineProvisional").asBoolean()).isTrue();

        JsonNode revised = ok(post(YEAR_2027, admin, valid));
        assertThat(years(revised)).contains(2026, 2027);
        String revision = revised.get("revision").asText();
        assertThat(revision).isNotEqualTo(revisionBefore);
        JsonNode after = ok(get(CALENDAR, admin));
        assertThat(after.get("revision").asText()).isEqualTo(revision);
        assertThat(years(after)).contains(2027);

        // 12-31, then 2027-01-01 is a holiday and 01-02/03 a weekend: 01-04, 01-05 → end of 2027-01-05, firm.
        JsonNode firm = staffView(id, window, 1);
        assertThat(firm.get("deadline").asText()).isEqualTo(FIRM_DUE);
        assertThat(firm.get("deadlineProvisional").asBoolean()).isFalse();
        assertThat(firm.get("calendarRevision").asText()).isEqualTo(revision);
        assertThat(kinds(firm.get("steps"))).containsExactly("RECEIVED", "DEADLINE_REVISED");
        assertThat(firm.at("/steps/1/actorKind").asText()).isEqualTo("SYSTEM");
        JsonNode publicView = ok(get("/api/public/cases/" + firm.get("trackingNumber").asText(), null));
        assertThat(publicView.get("deadline").asText()).isEqualTo(FIRM_DUE);
        assertThat(publicView.get("deadlineProvisional").asBoolean()).isFalse();

        JsonNode completed = staffView(done, window, 1);
        assertThat(kinds(completed.get("steps"))).containsExactly("RECEIVED", "COMPLETED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, done)).as("the completed case's events").isEqualTo(2);

        JsonNode next = ok(post("/api/cases", window, receiveBody("RS-001")));
        assertThat(next.get("deadline").asText()).as("a receipt after the revision").isEqualTo(FIRM_DUE);
        assertThat(next.get("deadlineProvisional").asBoolean()).isFalse();
    }

    private static List<Integer> years(JsonNode state) {
        List<Integer> years = new ArrayList<>();
        state.get("publishedYears").forEach(y -> years.add(y.asInt()));
        return years;
    }
}
