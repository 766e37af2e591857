package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queries behind figures, as the JSON Elasticsearch receives. */
class FigureQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Period MARCH = Period.parse(Granularity.MONTH, "2026-03");
    private static final Period APRIL = MARCH.next();

    @Test
    void intakeIsAttributedToTheReceivingWindowAndRolledUpThroughTheWindowPath() throws Exception {
        JsonNode window = json(FigureQueries.members(CaseSet.RECEIVED, Dimension.WINDOW, "JJD-ZX-W02", null, MARCH));
        assertThat(window.toString()).contains("{\"term\":{\"window\":{\"value\":\"JJD-ZX-W02\"}}}")
                .contains("\"receivedAt\":{\"gte\":\"2026-02-28T16:00:00Z\",\"lt\":\"2026-03-31T16:00:00Z\"}");
        JsonNode unit = json(FigureQueries.members(CaseSet.RECEIVED, Dimension.UNIT, "JJD", null, MARCH));
        assertThat(unit.toString()).contains("{\"term\":{\"windowPath\":{\"value\":\"JJD\"}}}");
        JsonNode staff = json(FigureQueries.members(CaseSet.RECEIVED, Dimension.STAFF, "jjd-window", "JJD", MARCH));
        assertThat(staff.toString()).contains("{\"term\":{\"officer\":{\"value\":\"jjd-window\"}}}")
                .contains("{\"term\":{\"windowPath\":{\"value\":\"JJD\"}}}");
    }

    @Test
    void completionAndOnTimeAreAttributedToTheCompletingUnitAndStaff() throws Exception {
        String onTime = json(FigureQueries.members(CaseSet.ON_TIME, Dimension.UNIT, "SFQ-MZJ", null, APRIL))
                .toString();
        assertThat(onTime).contains("{\"term\":{\"completingUnitPath\":{\"value\":\"SFQ-MZJ\"}}}")
                .contains("{\"term\":{\"onTime\":{\"value\":true}}}")
                .contains("\"completedAt\":{\"gte\":\"2026-03-31T16:00:00Z\"");
        String staff = json(FigureQueries.members(CaseSet.COMPLETED, Dimension.STAFF, "mzj-handler", "SFQ", APRIL))
                .toString();
        assertThat(staff).contains("{\"term\":{\"completingStaff\":{\"value\":\"mzj-handler\"}}}")
                .contains("{\"term\":{\"completingUnitPath\":{\"value\":\"SFQ\"}}}");
    }

    @Test
    void aGradeCountsOnceForAUnitWhoseSubtreeHoldsTheWindowOrTheCompletingUnit() throws Exception {
        JsonNode q = json(FigureQueries.members(CaseSet.GOOD, Dimension.UNIT, "SFQ", null, APRIL));
        String text = q.toString();
        assertThat(text).contains("{\"term\":{\"windowPath\":{\"value\":\"SFQ\"}}}")
                .contains("{\"term\":{\"completingUnitPath\":{\"value\":\"SFQ\"}}}")
                .contains("\"minimum_should_match\":\"1\"")
                .contains("{\"term\":{\"gradeGood\":{\"value\":true}}}");
        // For staff, grades go to the completing staff member only.
        String staff = json(FigureQueries.members(CaseSet.GRADED, Dimension.STAFF, "mzj-handler", "SFQ", APRIL))
                .toString();
        assertThat(staff).contains("completingStaff").doesNotContain("officer");
    }

    @Test
    void overdueGoesToTheHolderWhenItBecameOverdueAndNeverToStaff() throws Exception {
        assertThat(json(FigureQueries.members(CaseSet.OVERDUE, Dimension.CENTRE, "JJD-ZX", null, MARCH)).toString())
                .contains("{\"term\":{\"overdueHolderPath\":{\"value\":\"JJD-ZX\"}}}")
                .contains("\"overdueAt\":{\"gte\"");
        assertThatThrownBy(() -> FigureQueries.members(CaseSet.OVERDUE, Dimension.STAFF, "x", "SFQ", MARCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openInThePeriodMeansReceivedBeforeItsEndAndNotCompletedBeforeItsStart() throws Exception {
        String q = json(FigureQueries.inRange(CaseSet.OPEN_IN_PERIOD, MARCH.start(), MARCH.end())).toString();
        assertThat(q).contains("\"receivedAt\":{\"lt\":\"2026-03-31T16:00:00Z\"}")
                .contains("\"must_not\":[{\"exists\":{\"field\":\"completedAt\"}}]")
                .contains("\"completedAt\":{\"gte\":\"2026-02-28T16:00:00Z\"}");
    }

    @Test
    void periodsAreADateHistogramInBeijingTimeOrOverlapFiltersForOpenCases() throws Exception {
        JsonNode hist = json(FigureQueries.periodsAggregation(CaseSet.COMPLETED, List.of(MARCH, APRIL)));
        assertThat(hist.path("date_histogram").path("field").asText()).isEqualTo("completedAt");
        assertThat(hist.path("date_histogram").path("calendar_interval").asText()).isEqualTo("month");
        assertThat(hist.path("date_histogram").path("time_zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(hist.path("aggregations").path("p90Net").path("percentiles").path("percents").get(0).asDouble())
                .isEqualTo(90.0);
        assertThat(hist.path("aggregations").path("avgGross").path("avg").path("field").asText())
                .isEqualTo("workingDaysGross");
        JsonNode open = json(FigureQueries.periodsAggregation(CaseSet.OPEN_IN_PERIOD, List.of(MARCH, APRIL)));
        assertThat(open.path("filters").path("filters").fieldNames()).toIterable()
                .containsExactly("2026-03", "2026-04");
    }

    @Test
    void unitRowsAreKeyedFiltersAndStaffRowsATermsAggregationWithinTheScope() throws Exception {
        JsonNode units = json(FigureQueries.rowsAggregation(CaseSet.RECEIVED, Dimension.CENTRE,
                List.of("JJD-ZX", "JJD-QZ"), List.of(MARCH), 10));
        assertThat(units.path("filters").path("filters").fieldNames()).toIterable()
                .containsExactly("JJD-ZX", "JJD-QZ");
        JsonNode staff = json(FigureQueries.rowsAggregation(CaseSet.RECEIVED, Dimension.STAFF, List.of(),
                List.of(MARCH), 10));
        assertThat(staff.path("terms").path("field").asText()).isEqualTo("officer");
        String scope = json(FigureQueries.rowsQuery(CaseSet.RECEIVED, Dimension.STAFF, "JJD", null, List.of(MARCH)))
                .toString();
        assertThat(scope).contains("{\"term\":{\"windowPath\":{\"value\":\"JJD\"}}}");
    }

    private static JsonNode json(JsonpSerializable value) throws Exception {
        return JSON.readTree(JsonpUtils.toJsonString(value, new JacksonJsonpMapper()));
    }
}
