package org.weimin.ops.importer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the times real exports contain into instants, in the source's time zone: the mapping's patterns in order,
 * then common ISO and Chinese forms; full-width digits and separators; Excel serial dates (days since 1899-12-30,
 * fractions for the time of day); two-digit years as 20yy unless that would lie after {@code now}'s year, then 19yy.
 * Pure: "now" is passed in.
 */
public final class SourceDates {
    private static final List<String> COMMON = List.of("yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm:ss",
            "yyyy/M/d H:mm", "yyyy-M-d'T'H:mm:ss", "yyyy年M月d日 H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日",
            "yyyy-M-d", "yyyy/M/d", "M/d/yyyy h:mm:ss a", "M/d/yyyy H:mm:ss", "M/d/yyyy");
    private final List<DateTimeFormatter> formats = new ArrayList<>();
    private final ZoneId zone;
    private final int thisYear;

    public SourceDates(List<String> patterns, ZoneId zone, Instant now) {
        this.zone = zone;
        this.thisYear = now.atZone(zone).getYear();
        List<String> all = new ArrayList<>(patterns == null ? List.of() : patterns);
        all.addAll(COMMON);
        for (String pattern : all) {
            formats.add(new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .toFormatter(Locale.ROOT));
            if (pattern.contains("yyyy")) {
                // the same with a two-digit year, pivoting on this year
                formats.add(new DateTimeFormatterBuilder().parseCaseInsensitive()
                        .appendPattern(pattern.substring(0, pattern.indexOf("yyyy")))
                        .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(thisYear - 99, 1, 1))
                        .appendPattern(pattern.substring(pattern.indexOf("yyyy") + 4))
                        .toFormatter(Locale.ROOT));
            }
        }
    }

    /** @return the instant, or empty for blank or unreadable text */
    public Optional<Instant> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = normalise(raw);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.matches("\\d{4,6}(\\.\\d+)?")) {
            return excelSerial(Double.parseDouble(text));
        }
        for (DateTimeFormatter format : formats) {
            try {
                var parsed = format.parseBest(text, LocalDateTime::from, LocalDate::from);
                LocalDateTime local = parsed instanceof LocalDateTime t ? t : ((LocalDate) parsed).atStartOfDay();
                return Optional.of(local.atZone(zone).toInstant());
            } catch (DateTimeParseException | ClassCastException e) {
                // next format
            }
        }
        return Optional.empty();
    }

    /** An Excel serial date (1900 date system, days since 1899-12-30) in the source's zone. */
    public Optional<Instant> excelSerial(double serial) {
        if (serial < 1 || serial > 2_958_465) {
            return Optional.empty();
        }
        long days = (long) Math.floor(serial);
        long seconds = Math.round((serial - days) * 86_400);
        LocalDateTime local = LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay().plusSeconds(seconds);
        return Optional.of(local.atZone(zone).toInstant());
    }

    /** Full-width digits and separators to ASCII, ideographic and non-breaking spaces to spaces, runs squeezed. */
    static String normalise(String raw) {
        return org.weimin.events.privacy.FreeTextMasking.widthNormalised(raw)
                .replaceAll("[\\s\\u00A0]+", " ").trim();
    }
}
