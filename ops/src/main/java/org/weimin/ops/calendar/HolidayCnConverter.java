package org.weimin.ops.calendar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;

/**
 * Converts a holiday-cn directory (one {@code <yyyy>.json} a year: {@code year}, {@code papers}, {@code days} of
 * {@code name}, {@code date}, {@code isOffDay}) into Weimin's plain-text calendar ({@link CalendarFacts#format()}).
 *
 * <p>Facts are indexed by date. Files are read in year order; when two files mention the same date differently the
 * later year's notice wins and the difference is reported as a {@link Conflict}. A year with a non-empty
 * {@code papers} is published, its notice being the papers' URLs joined by a space; a year with none is not.
 *
 * <p>Usage: {@code java org.weimin.ops.calendar.HolidayCnConverter <holiday-cn dir> <output file> [revision]}; the
 * revision defaults to {@code cn-<first>-<last published year>-<12 hex digits of the SHA-256 of the data>}.
 * Conflicts are printed on standard error. Exit status 2 on bad arguments, 1 on bad data.
 */
public final class HolidayCnConverter {

    private static final Pattern YEAR_FILE = Pattern.compile("\\d{4}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private HolidayCnConverter() {
    }

    /** One holiday-cn year file: only the fields we use. */
    record YearFile(Integer year, List<String> papers, List<Day> days) {
    }

    /** One entry of {@code days}. */
    record Day(String name, String date, Boolean isOffDay) {
    }

    /**
     * Two year files fixing one date differently; the later one is kept.
     *
     * @param earlierYear the year of the file whose fact was replaced
     * @param earlier     the replaced fact
     * @param laterYear   the year of the file whose fact is kept
     * @param later       the kept fact
     */
    public record Conflict(int earlierYear, CalendarFact earlier, int laterYear, CalendarFact later) {
        @Override
        public String toString() {
            return later.date() + ": " + earlierYear + ".json says " + earlier.kind().token() + " " + earlier.name()
                    + ", " + laterYear + ".json says " + later.kind().token() + " " + later.name() + " (kept)";
        }
    }

    /**
     * What a conversion produced.
     *
     * @param facts            the calendar
     * @param conflicts        every date two files fixed differently, in the order met
     * @param unpublishedYears the years with a file but no notice ({@code papers} empty), ascending
     */
    public record Result(CalendarFacts facts, List<Conflict> conflicts, List<Integer> unpublishedYears) {
        public Result {
            conflicts = List.copyOf(conflicts);
            unpublishedYears = List.copyOf(unpublishedYears);
        }
    }

    /**
     * Reads every {@code <yyyy>.json} of {@code dir}.
     *
     * @param revision the revision to record, or null for the default (see class comment)
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException naming the file, when one is malformed (missing field, bad date, a year that
     *                                  disagrees with the file name) or a fact lies in a year no notice publishes
     */
    public static Result convert(Path dir, String revision) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> YEAR_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no <yyyy>.json files in " + dir);
        }
        TreeMap<Integer, String> published = new TreeMap<>();
        TreeMap<LocalDate, CalendarFact> facts = new TreeMap<>();
        Map<LocalDate, Integer> sourceYear = new TreeMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<Integer> unpublished = new ArrayList<>();
        for (Path file : files) {
            YearFile yearFile = read(file);
            int year = yearFile.year();
            if (!yearFile.papers().isEmpty()) {
                published.put(year, String.join(" ", yearFile.papers()).strip());
            } else {
                unpublished.add(year);
            }
            for (Day day : yearFile.days()) {
                CalendarFact fact = toFact(file, day);
                CalendarFact previous = facts.put(fact.date(), fact);
                Integer previousYear = sourceYear.put(fact.date(), year);
                if (previous != null && !previous.equals(fact)) {
                    conflicts.add(new Conflict(previousYear, previous, year, fact));
                }
            }
        }
        CalendarFacts withoutRevision = CalendarFacts.of(published, facts.values(), "pending");
        String chosen = revision != null ? revision : defaultRevision(withoutRevision);
        return new Result(CalendarFacts.of(published, facts.values(), chosen), conflicts, unpublished);
    }

    /** The calendar file's text: the facts formatted with a note on where they came from. */
    public static String render(Result result) {
        List<String> comments = new ArrayList<>(List.of(
                "Generated by org.weimin.ops.calendar.HolidayCnConverter from the holiday-cn data set",
                "(https://github.com/NateScarlet/holiday-cn, MIT licence); do not edit by hand, regenerate."));
        if (!result.unpublishedYears().isEmpty()) {
            comments.add("No notice yet (plain Monday-Friday, provisional): " + result.unpublishedYears().stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return result.facts().format(comments);
    }

    /** Command line entry point; see class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: HolidayCnConverter <holiday-cn dir> <output file> [revision]");
            System.exit(2);
            return;
        }
        Result result;
        try {
            result = convert(Path.of(args[0]), args.length == 3 ? args[2] : null);
        } catch (IllegalArgumentException e) {
            System.err.println("holiday-cn data rejected: " + e.getMessage());
            System.exit(1);
            return;
        }
        result.conflicts().forEach(c -> System.err.println("conflict: " + c));
        Path out = Path.of(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, render(result), StandardCharsets.UTF_8);
        System.err.println("wrote " + out + ": revision " + result.facts().revision() + ", "
                + result.facts().facts().size() + " facts, published " + result.facts().publishedYears()
                + ", " + result.conflicts().size() + " conflict(s)");
    }

    private static YearFile read(Path file) throws IOException {
        YearFile yearFile;
        try {
            yearFile = JSON.readValue(file.toFile(), YearFile.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file.getFileName() + ": not a holiday-cn year file: "
                    + e.getOriginalMessage(), e);
        }
        String name = file.getFileName().toString();
        if (yearFile.year() == null || yearFile.papers() == null || yearFile.days() == null) {
            throw new IllegalArgumentException(name + ": 'year', 'papers' and 'days' are required");
        }
        if (!name.equals(yearFile.year() + ".json")) {
            throw new IllegalArgumentException(name + ": says year " + yearFile.year());
        }
        return yearFile;
    }

    private static CalendarFact toFact(Path file, Day day) {
        if (day == null || day.name() == null || day.date() == null || day.isOffDay() == null) {
            throw new IllegalArgumentException(file.getFileName() + ": every day needs 'name', 'date', 'isOffDay'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(day.date());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file.getFileName() + ": bad date '" + day.date() + "'", e);
        }
        return day.isOffDay() ? CalendarFact.off(date, day.name()) : CalendarFact.work(date, day.name());
    }

    private static String defaultRevision(CalendarFacts facts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(facts.format().replaceFirst("(?m)^revision .*\\n", "").getBytes(StandardCharsets.UTF_8));
            String span = facts.publishedYears().isEmpty() ? "none"
                    : facts.publishedYears().first() + "-" + facts.publishedYears().last();
            return "cn-" + span + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
