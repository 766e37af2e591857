package org.weimin.events.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weimin.events.calendar.CalendarFixtures.concat;
import static org.weimin.events.calendar.CalendarFixtures.date;
import static org.weimin.events.calendar.CalendarFixtures.facts2024To2026;
import static org.weimin.events.calendar.CalendarFixtures.newYear2019;
import static org.weimin.events.calendar.CalendarFixtures.off;
import static org.weimin.events.calendar.CalendarFixtures.published;
import static org.weimin.events.calendar.CalendarFixtures.work;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calendar facts indexed by date, their certainty, reloading a year, and the plain-text format. */
class CalendarFactsTest {
    private final CalendarFacts facts = facts2024To2026();

    @Test
    void aFactOverridesMondayToFridayAndOtherDatesFollowIt() {
        assertThat(facts.isWorkingDay(date("2025-01-29"))).as("a Wednesday off").isFalse();
        assertThat(facts.isWorkingDay(date("2025-02-08"))).as("an adjusted working Saturday").isTrue();
        assertThat(facts.isWorkingDay(date("2025-03-05"))).as("a plain Wednesday").isTrue();
        assertThat(facts.isWorkingDay(date("2025-03-08"))).as("a plain Saturday").isFalse();
        assertThat(facts.fact(date("2025-01-29"))).contains(CalendarFact.off(date("2025-01-29"), "春节"));
        assertThat(facts.fact(date("2025-03-05"))).isEmpty();
    }

    @Test
    void factsAreIndexedByDateNotByTheYearOfTheirNotice() {
        CalendarFacts with2019 = CalendarFacts.of(published(2018, 2019), newYear2019(), "r");
        assertThat(with2019.fact(date("2018-12-29"))).contains(work("2018-12-29", "元旦"));
        assertThat(with2019.isWorkingDay(date("2018-12-29"))).isTrue();
        assertThat(with2019.isWorkingDay(date("2018-12-31"))).isFalse();
    }

    @Test
    void theLastPublishedYearAndCertainty() {
        assertThat(facts.lastPublishedYear()).hasValue(2026);
        assertThat(facts.publishedYears()).containsExactly(2024, 2025, 2026);
        assertThat(facts.isCertain(date("2025-12-31"))).as("2026's notice is out").isTrue();
        assertThat(facts.isCertain(date("2026-12-17"))).isTrue();
        assertThat(facts.isCertain(date("2026-12-18"))).as("2027's notice may change it").isFalse();
        assertThat(facts.isCertain(date("2026-12-31"))).isFalse();
        assertThat(facts.isCertain(date("2027-01-04"))).isFalse();
        assertThat(facts.isCertain(date("2023-06-01"))).as("before the first published year").isFalse();
        assertThat(CalendarFacts.empty("r").lastPublishedYear()).isEmpty();
    }

    @Test
    void withYearAddsAYearWithoutChangingTheOriginal() {
        CalendarFacts revised = facts.withYear(2027, "notice 2027",
                concat(List.of(work("2026-12-26", "元旦")), off("2027-01-01", "2027-01-01", "元旦")), "r2");
        assertThat(revised.lastPublishedYear()).hasValue(2027);
        assertThat(revised.published()).containsEntry(2027, "notice 2027");
        assertThat(revised.revision()).isEqualTo("r2");
        assertThat(revised.isWorkingDay(date("2026-12-26"))).isTrue();
        assertThat(revised.isCertain(date("2026-12-31"))).isTrue();
        assertThat(facts.isPublished(2027)).isFalse();
        assertThat(facts.isWorkingDay(date("2026-12-26"))).isFalse();
    }

    @Test
    void reloadingAYearReplacesTheFactsItsNoticeGoverns() {
        CalendarFacts reloaded = facts.withYear(2025, "corrected notice",
                off("2025-01-29", "2025-01-30", "春节"), "r2");
        assertThat(reloaded.isWorkingDay(date("2025-01-28"))).as("dropped by the corrected notice").isTrue();
        assertThat(reloaded.isWorkingDay(date("2025-01-26"))).as("a plain Sunday again").isFalse();
        assertThat(reloaded.isWorkingDay(date("2025-01-29"))).isFalse();
        assertThat(reloaded.published()).containsEntry(2025, "corrected notice");
    }

    @Test
    void lateDecemberBelongsToTheNextYearsNoticeOnceThatIsPublished() {
        CalendarFacts with2019 = CalendarFacts.of(published(2018, 2019), newYear2019(), "r");
        CalendarFacts reloaded2018 = with2019.withYear(2018, "notice 2018 again", List.of(), "r2");
        assertThat(reloaded2018.fact(date("2018-12-29"))).as("kept: 2019's notice governs it").isPresent();
        assertThatThrownBy(() -> with2019.withYear(2018, "n", List.of(work("2018-12-22", "x")), "r2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("governed by the notice of 2019");
        CalendarFacts reloaded2019 = with2019.withYear(2019, "notice 2019 again",
                off("2019-01-01", "2019-01-01", "元旦"), "r3");
        assertThat(reloaded2019.fact(date("2018-12-29"))).as("dropped by 2019's new notice").isEmpty();
    }

    @Test
    void withYearRejectsDatesItsNoticeCannotFix() {
        assertThatThrownBy(() -> facts.withYear(2027, "n", List.of(work("2026-12-05", "x")), "r2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-12-05");
        assertThatThrownBy(() -> facts.withYear(2027, "n", List.of(work("2028-01-01", "x")), "r2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2028-01-01");
        assertThatThrownBy(() -> facts.withYear(2027, " ", List.of(), "r2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notice of 2027");
        assertThatThrownBy(() -> facts.withYear(2027, "n",
                List.of(work("2027-01-02", "x"), work("2027-01-02", "y")), "r2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two facts");
    }

    @Test
    void aFactNoPublishedNoticeGovernsIsRejected() {
        assertThatThrownBy(() -> CalendarFacts.of(published(2025, 2025), List.of(work("2027-01-02", "x")), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish 2027");
        assertThatThrownBy(() -> CalendarFacts.of(Map.of(2025, "n"),
                List.of(work("2025-01-04", "x"), CalendarFact.off(date("2025-01-04"), "y")), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two facts");
    }

    @Test
    void theTextFormatRoundTrips() {
        CalendarFacts with2019 = CalendarFacts.of(published(2018, 2019), newYear2019(), "r 1");
        String text = with2019.format(List.of("from a test"));
        assertThat(text).contains("# from a test\n", "revision r 1\n", "published 2018 notice of 2018\n",
                "2018-12-29 WORK 元旦\n2018-12-30 OFF 元旦\n");
        assertThat(CalendarFacts.parse(text)).isEqualTo(with2019);
    }

    @Test
    void parsingAcceptsCommentsBlankLinesCrLfAndAByteOrderMark() throws Exception {
        String text = "\uFEFF# header\r\nrevision v7\r\n\r\npublished 2025 https://example.org/a https://example.org/b\r\n"
                + "# facts\r\n2025-01-26 WORK 春节\r\n2025-01-28 OFF 国庆节、中秋节\r\n";
        CalendarFacts parsed = CalendarFacts.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.revision()).isEqualTo("v7");
        assertThat(parsed.published()).containsExactly(Map.entry(2025, "https://example.org/a https://example.org/b"));
        assertThat(parsed.facts()).containsExactly(work("2025-01-26", "春节"),
                CalendarFact.off(date("2025-01-28"), "国庆节、中秋节"));
    }

    @Test
    void parsingErrorsNameTheLine() {
        String head = "revision v\npublished 2025 n\n";
        assertParseError(head + "2025-01-01 HOLIDAY x\n", "line 3:", "OFF or WORK");
        assertParseError(head + "2025-02-30 OFF x\n", "line 3:", "not a date");
        assertParseError(head + "2025-01-02 OFF x\n2025-01-01 OFF x\n", "line 4:", "sorted by date");
        assertParseError(head + "2025-01-02 OFF x\n2025-01-02 WORK x\n", "line 4:", "a second fact");
        assertParseError(head + "2025-01-02 OFF x\npublished 2026 n\n", "line 4:", "before the first fact");
        assertParseError(head + "2026-01-02 OFF x\n", "line 3:", "publish 2026");
        assertParseError(head + "2025-01-02 OFF\n", "line 3:", "expected");
        assertParseError("revision v\npublished 25 n\n", "line 2:", "published <yyyy> <notice>");
        assertParseError("revision v\nrevision w\n", "line 2:", "second 'revision'");
        assertParseError("# nothing\npublished 2025 n\n", "line 2:", "no 'revision");
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        byte[] latin1 = "revision r\n2025-01-01 OFF \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CalendarFacts.read(new ByteArrayInputStream(latin1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTF-8");
    }

    private static void assertParseError(String text, String line, String message) {
        assertThatThrownBy(() -> CalendarFacts.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(line)
                .hasMessageContaining(message);
    }
}
