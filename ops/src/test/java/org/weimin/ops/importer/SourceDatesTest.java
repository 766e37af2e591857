package org.weimin.ops.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDatesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private final SourceDates shanghai = new SourceDates(List.of("yyyy/M/d H:mm:ss"), ZoneId.of("Asia/Shanghai"), NOW);

    @Test
    void mixedFormatsOfOneExportAreReadInTheSourcesZone() {
        Instant expected = Instant.parse("2019-04-25T01:32:09Z");
        assertThat(shanghai.parse("2019/4/25 9:32:09")).contains(expected);
        assertThat(shanghai.parse("2019-04-25 09:32:09")).contains(expected);
        assertThat(shanghai.parse("2019年4月25日 9:32:09")).contains(expected);
        assertThat(shanghai.parse("２０１９/４/２５　９:３２:０９")).as("full-width digits, ideographic space")
                .contains(expected);
        assertThat(shanghai.parse("  2019/4/25 9:32:09\t")).contains(expected);
        assertThat(shanghai.parse("2019/9/3")).contains(Instant.parse("2019-09-02T16:00:00Z"));
    }

    @Test
    void excelSerialDatesAndTwoDigitYears() {
        // 43580 + 34329/86400 = 2019-04-25 09:32:09 (1900 date system)
        assertThat(shanghai.parse("43580.3973263889")).contains(Instant.parse("2019-04-25T01:32:09Z"));
        assertThat(shanghai.parse("19/4/25 9:32:09")).contains(Instant.parse("2019-04-25T01:32:09Z"));
        assertThat(shanghai.parse("98/4/25 9:32:09")).as("a two-digit year in the future is last century")
                .contains(Instant.parse("1998-04-25T01:32:09Z"));
    }

    @Test
    void newYorkTimesWithAmPm() {
        SourceDates ny = new SourceDates(List.of("MM/dd/yyyy hh:mm:ss a"), ZoneId.of("America/New_York"), NOW);
        assertThat(ny.parse("05/01/2022 12:00:03 AM")).contains(Instant.parse("2022-05-01T04:00:03Z"));
        assertThat(ny.parse("05/01/2022 01:30:00 PM")).contains(Instant.parse("2022-05-01T17:30:00Z"));
    }

    @Test
    void nonsenseIsEmptyNotAGuess() {
        assertThat(shanghai.parse("")).isEmpty();
        assertThat(shanghai.parse(null)).isEmpty();
        assertThat(shanghai.parse("昨天下午")).isEmpty();
        assertThat(shanghai.parse("2019/13/45 9:00:00")).isEmpty();
    }
}
