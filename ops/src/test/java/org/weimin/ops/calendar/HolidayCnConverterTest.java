package org.weimin.ops.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;

/** holiday-cn year files → our plain-text calendar, on invented fixture years (never rows of the real data). */
class HolidayCnConverterTest {

    @TempDir
    Path dir;

    private void write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    private static String yearFile(int year, String papers, String days) {
        return "{\"$schema\": \"https://example.org/schema.json\", \"year\": " + year + ", \"papers\": [" + papers
                + "], \"days\": [" + days + "]}";
    }

    private static String day(String name, String date, boolean off) {
        return "{\"name\": \"" + name + "\", \"date\": \"" + date + "\", \"isOffDay\": " + off + "}";
    }

    private void writeFixture() throws IOException {
        write("2031.json", yearFile(2031, "\"https://example.org/notice-2031\"", String.join(",",
                day("试验节", "2031-03-03", true),
                day("试验节", "2031-03-08", false),
                day("旧说法", "2031-12-27", true),
                day("新年", "2031-12-28", true))));
        write("2032.json", yearFile(2032, "\"https://example.org/notice-2032\", \"https://example.org/fix-2032\"",
                String.join(",",
                        day("新年", "2031-12-27", false),
                        day("新年", "2031-12-28", true),
                        day("新年", "2032-01-01", true))));
        write("2033.json", yearFile(2033, "", ""));
        write("schema.json", "{\"not\": \"a year\"}");
        write("README.md", "fixture");
    }

    @Test
    void convertsFactsByDateAndPublishesYearsWithANotice() throws IOException {
        writeFixture();
        HolidayCnConverter.Result result = HolidayCnConverter.convert(dir, "fixture-1");

        assertThat(HolidayCnConverter.render(result)).endsWith("""
                # No notice yet (plain Monday-Friday, provisional): 2033
                revision fixture-1
                published 2031 https://example.org/notice-2031
                published 2032 https://example.org/notice-2032 https://example.org/fix-2032
                2031-03-03 OFF 试验节
                2031-03-08 WORK 试验节
                2031-12-27 WORK 新年
                2031-12-28 OFF 新年
                2032-01-01 OFF 新年
                """);
        CalendarFacts facts = result.facts();
        assertThat(facts.publishedYears()).containsExactly(2031, 2032);
        assertThat(facts.isPublished(2033)).isFalse();
        assertThat(result.unpublishedYears()).containsExactly(2033);
        assertThat(CalendarFacts.parse(HolidayCnConverter.render(result))).isEqualTo(facts);
    }

    @Test
    void theLaterYearsNoticeWinsAConflictAndTheConflictIsReported() throws IOException {
        writeFixture();
        HolidayCnConverter.Result result = HolidayCnConverter.convert(dir, "fixture-1");

        LocalDate date = LocalDate.parse("2031-12-27");
        assertThat(result.facts().fact(date)).contains(CalendarFact.work(date, "新年"));
        assertThat(result.conflicts()).containsExactly(new HolidayCnConverter.Conflict(
                2031, CalendarFact.off(date, "旧说法"), 2032, CalendarFact.work(date, "新年")));
        assertThat(result.conflicts().get(0)).hasToString(
                "2031-12-27: 2031.json says OFF 旧说法, 2032.json says WORK 新年 (kept)");
    }

    @Test
    void theDefaultRevisionNamesTheYearsAndChangesWithTheData() throws IOException {
        writeFixture();
        String first = HolidayCnConverter.convert(dir, null).facts().revision();
        assertThat(first).matches("cn-2031-2032-[0-9a-f]{12}");
        assertThat(HolidayCnConverter.convert(dir, null).facts().revision()).isEqualTo(first);
        write("2033.json", yearFile(2033, "\"https://example.org/notice-2033\"", day("x", "2033-05-05", true)));
        assertThat(HolidayCnConverter.convert(dir, null).facts().revision()).startsWith("cn-2031-2033-");
    }

    @Test
    void mainWritesTheCalendarFile() throws IOException {
        writeFixture();
        Path out = dir.resolve("out/cn-working-calendar.txt");
        HolidayCnConverter.main(new String[] {dir.toString(), out.toString(), "fixture-2"});
        CalendarFacts written = CalendarFacts.read(Files.newInputStream(out));
        assertThat(written.revision()).isEqualTo("fixture-2");
        assertThat(written.facts()).hasSize(5);
    }

    @Test
    void malformedFilesAreRejectedByName() throws IOException {
        write("2031.json", "{\"year\": 2031, \"papers\": [\"n\"], \"days\": [{\"name\": \"x\", \"date\": \"2031-13-01\","
                + " \"isOffDay\": true}]}");
        assertThatThrownBy(() -> HolidayCnConverter.convert(dir, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2031.json: bad date");
        write("2031.json", yearFile(2030, "\"n\"", ""));
        assertThatThrownBy(() -> HolidayCnConverter.convert(dir, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2031.json: says year 2030");
        write("2031.json", "{\"year\": 2031, \"days\": []}");
        assertThatThrownBy(() -> HolidayCnConverter.convert(dir, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
    }

    @Test
    void factsOfAYearWithoutNoticeAreRejected() throws IOException {
        write("2033.json", yearFile(2033, "", day("x", "2033-05-05", true)));
        assertThatThrownBy(() -> HolidayCnConverter.convert(dir, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2033-05-05");
    }
}
