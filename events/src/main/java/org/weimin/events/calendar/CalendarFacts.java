package org.weimin.events.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The working-day calendar as data (rules.md "Deadlines and calendar"; glossary "Time"): the dates that differ from
 * the plain Monday–Friday rule, <b>indexed by date</b> (not by the notice they came from), the years whose State
 * Council schedule is published, and a revision string. Immutable and pure.
 *
 * <p><b>Who governs which date.</b> Year Y's notice fixes the days of year Y and may also fix days at the end of
 * year Y−1 (2019's notice makes 2018-12-29 a working Saturday). So the dates from December 18 to 31 of a year X
 * ({@link #LATE_DECEMBER}) are governed by the notice of X+1 once that is published, otherwise by X's own; every
 * other date by the notice of its own year. A fact must lie in a date some published notice governs.
 *
 * <p><b>Certainty.</b> A date is {@linkplain #isCertain(LocalDate) certain} when its year is published and, for
 * December 18–31, the next year is published too; deadlines counted over uncertain dates are provisional.
 *
 * <p><b>Plain-text format</b> ({@link #parse(String)}, {@link #format()}), UTF-8, one item a line:
 * <pre>
 * # comment lines and blank lines are ignored
 * revision &lt;text&gt;
 * published &lt;year&gt; &lt;notice URL or text&gt;      (one line per published year)
 * yyyy-MM-dd OFF|WORK &lt;holiday name&gt;          (one line per fact, sorted by date)
 * </pre>
 * {@code revision} and {@code published} lines come before the first fact.
 */
public final class CalendarFacts {

    /** The first day of the stretch at the end of a year that the next year's notice may still change. */
    public static final MonthDay LATE_DECEMBER = MonthDay.of(12, 18);

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final NavigableMap<LocalDate, CalendarFact> facts;
    private final NavigableMap<Integer, String> published;
    private final String revision;

    private CalendarFacts(NavigableMap<LocalDate, CalendarFact> facts, NavigableMap<Integer, String> published,
                          String revision) {
        this.facts = Collections.unmodifiableNavigableMap(facts);
        this.published = Collections.unmodifiableNavigableMap(published);
        this.revision = revision;
    }

    /**
     * Facts from their parts.
     *
     * @param published year → the notice (URL or text, one line) that published its schedule
     * @param facts     at most one fact per date, each on a date a published notice governs (see class comment)
     * @param revision  the revision recorded in deadlines; one non-blank line
     * @throws IllegalArgumentException on a duplicate date, a fact no published notice governs, or a blank or
     *                                  multi-line notice or revision
     */
    public static CalendarFacts of(Map<Integer, String> published, Collection<CalendarFact> facts, String revision) {
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(facts, "facts");
        TreeMap<Integer, String> years = new TreeMap<>();
        published.forEach((year, notice) -> years.put(Objects.requireNonNull(year, "year"),
                oneLine(notice, "the notice of " + year)));
        TreeMap<LocalDate, CalendarFact> byDate = new TreeMap<>();
        for (CalendarFact fact : facts) {
            Objects.requireNonNull(fact, "fact");
            if (byDate.putIfAbsent(fact.date(), fact) != null) {
                throw new IllegalArgumentException("two facts for " + fact.date() + "; keep one per date");
            }
            String problem = ungoverned(fact.date(), years);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return new CalendarFacts(byDate, years, oneLine(revision, "the revision"));
    }

    /** No facts and no published year: every date counts by the plain Monday–Friday rule and is uncertain. */
    public static CalendarFacts empty(String revision) {
        return of(Map.of(), List.of(), revision);
    }

    /** The revision of this data, recorded in every {@link Deadline} computed with it. */
    public String revision() {
        return revision;
    }

    /** Year → notice, for every year whose schedule is published, in year order. */
    public SortedMap<Integer, String> published() {
        return published;
    }

    /** The years whose schedule is published, ascending. */
    public SortedSet<Integer> publishedYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(published.keySet()));
    }

    /** True when the schedule of {@code year} is published. */
    public boolean isPublished(int year) {
        return published.containsKey(year);
    }

    /** The last year whose schedule is published; empty when none is. */
    public OptionalInt lastPublishedYear() {
        return published.isEmpty() ? OptionalInt.empty() : OptionalInt.of(published.lastKey());
    }

    /** The fact on {@code date}, if a notice fixes it. */
    public Optional<CalendarFact> fact(LocalDate date) {
        return Optional.ofNullable(facts.get(date));
    }

    /** Every fact, sorted by date. */
    public List<CalendarFact> facts() {
        return List.copyOf(facts.values());
    }

    /**
     * Whether {@code date} is a working day: its fact when a notice fixes it, otherwise Monday to Friday (which is
     * also the rule for years without a published schedule).
     */
    public boolean isWorkingDay(LocalDate date) {
        CalendarFact fact = facts.get(date);
        return fact != null ? fact.isWorkingDay()
                : date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * Whether no notice yet to be published can change {@code date}: false for a date of an unpublished year, and for
     * December 18–31 of a year whose next year is unpublished (e.g. of the last published year).
     */
    public boolean isCertain(LocalDate date) {
        int year = date.getYear();
        return isPublished(year) && (MonthDay.from(date).isBefore(LATE_DECEMBER) || isPublished(year + 1));
    }

    /**
     * These facts with the schedule of {@code year} (re)loaded by an administrator (event {@code CalendarRevised}).
     * Every previous fact on a date that {@code year}'s notice governs (December 18 of {@code year − 1} through the end
     * of {@code year}, less December 18–31 of {@code year} while {@code year + 1} is published) is dropped, then
     * {@code yearFacts} are added: a reloaded notice that no longer mentions a date gives it back to Monday–Friday.
     *
     * @param year      the year of the notice
     * @param notice    the notice's URL or text, one line
     * @param yearFacts the notice's facts: dates of {@code year}, or December 18–31 of {@code year − 1}; December
     *                  18–31 of {@code year} only while {@code year + 1} is unpublished
     * @param revision  the revision of the result
     * @return new facts; this instance is unchanged
     * @throws IllegalArgumentException on a date outside those ranges, a duplicate date, a blank notice or revision
     */
    public CalendarFacts withYear(int year, String notice, List<CalendarFact> yearFacts, String revision) {
        Objects.requireNonNull(yearFacts, "yearFacts");
        LocalDate from = LATE_DECEMBER.atYear(year - 1);
        LocalDate to = isPublished(year + 1) ? LATE_DECEMBER.atYear(year).minusDays(1) : LocalDate.of(year, 12, 31);
        TreeMap<LocalDate, CalendarFact> next = new TreeMap<>(facts);
        next.subMap(from, true, to, true).clear();
        TreeMap<LocalDate, CalendarFact> added = new TreeMap<>();
        for (CalendarFact fact : yearFacts) {
            Objects.requireNonNull(fact, "fact");
            LocalDate date = fact.date();
            if (date.isBefore(from) || date.isAfter(to)) {
                throw new IllegalArgumentException("the notice of " + year + " may fix dates from " + from + " to "
                        + to + ", not " + date + (date.getYear() == year && isPublished(year + 1)
                        ? " (governed by the notice of " + (year + 1) + "; load that year again to change it)" : ""));
            }
            if (added.putIfAbsent(date, fact) != null) {
                throw new IllegalArgumentException("two facts for " + date + " in the notice of " + year);
            }
        }
        next.putAll(added);
        TreeMap<Integer, String> years = new TreeMap<>(published);
        years.put(year, oneLine(notice, "the notice of " + year));
        return of(years, next.values(), revision);
    }

    /**
     * Reads the plain-text format (see class comment) from UTF-8 bytes; a leading byte-order mark is ignored.
     *
     * @throws IOException              when reading fails
     * @throws IllegalArgumentException when the bytes are not UTF-8 or the text is malformed (see {@link #parse})
     */
    public static CalendarFacts read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the calendar file is not UTF-8 text", e);
        }
    }

    /**
     * Parses the plain-text format (see class comment).
     *
     * @throws IllegalArgumentException naming the line ({@code "line 12: ..."}) of the first error: an unknown line,
     *                                  a bad date, year or kind, a repeated revision or year, a header line after a
     *                                  fact, facts out of date order, a fact no published notice governs; or no
     *                                  {@code revision} line
     */
    public static CalendarFacts parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String revision = null;
        TreeMap<Integer, String> years = new TreeMap<>();
        TreeMap<LocalDate, CalendarFact> byDate = new TreeMap<>();
        int number = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = WHITESPACE.split(line, 3);
            try {
                switch (parts[0]) {
                    case "revision" -> {
                        requireHeader(byDate, "revision");
                        if (revision != null) {
                            throw new IllegalArgumentException("a second 'revision' line");
                        }
                        revision = line.substring("revision".length()).strip();
                        if (revision.isEmpty()) {
                            throw new IllegalArgumentException("'revision' needs a text");
                        }
                    }
                    case "published" -> {
                        requireHeader(byDate, "published");
                        if (parts.length < 3 || !YEAR.matcher(parts[1]).matches()) {
                            throw new IllegalArgumentException("expected 'published <yyyy> <notice>'");
                        }
                        int year = Integer.parseInt(parts[1]);
                        if (years.putIfAbsent(year, parts[2].strip()) != null) {
                            throw new IllegalArgumentException("year " + year + " is published twice");
                        }
                    }
                    default -> {
                        if (parts.length < 3) {
                            throw new IllegalArgumentException("expected 'yyyy-MM-dd OFF|WORK <name>', "
                                    + "'revision <text>' or 'published <yyyy> <notice>'");
                        }
                        CalendarFact fact = new CalendarFact(parseDate(parts[0]), DayKind.ofToken(parts[1]), parts[2]);
                        if (!byDate.isEmpty() && !fact.date().isAfter(byDate.lastKey())) {
                            throw new IllegalArgumentException(fact.date().equals(byDate.lastKey())
                                    ? "a second fact for " + fact.date()
                                    : "facts must be sorted by date: " + fact.date() + " after " + byDate.lastKey());
                        }
                        String problem = ungoverned(fact.date(), years);
                        if (problem != null) {
                            throw new IllegalArgumentException(problem);
                        }
                        byDate.put(fact.date(), fact);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        if (revision == null) {
            throw new IllegalArgumentException("line " + number + ": no 'revision <text>' line in the calendar");
        }
        return new CalendarFacts(byDate, years, revision);
    }

    /** The plain-text format (see class comment) with the standard header, {@code \n} line ends. */
    public String format() {
        return format(List.of());
    }

    /**
     * The plain-text format with extra comment lines (e.g. where the data came from) after the standard header.
     *
     * @param comments lines written as {@code # <line>}
     */
    public String format(List<String> comments) {
        StringBuilder out = new StringBuilder()
                .append("# Weimin working-day calendar (Asia/Shanghai): the dates that differ from Monday-Friday.\n")
                .append("# 'published <year> <notice>' per year whose schedule is published; then one line per\n")
                .append("# date, 'yyyy-MM-dd OFF|WORK <holiday>', sorted by date. Other dates: Monday-Friday.\n");
        for (String comment : comments) {
            comment.lines().forEach(l -> out.append("# ").append(l).append('\n'));
        }
        out.append("revision ").append(revision).append('\n');
        published.forEach((year, notice) -> out.append("published ").append(year).append(' ').append(notice)
                .append('\n'));
        for (CalendarFact fact : facts.values()) {
            out.append(fact.date()).append(' ').append(fact.kind().token()).append(' ').append(fact.name())
                    .append('\n');
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalendarFacts other && facts.equals(other.facts) && published.equals(other.published)
                && revision.equals(other.revision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(facts, published, revision);
    }

    @Override
    public String toString() {
        return "CalendarFacts[revision=" + revision + ", published=" + published.keySet() + ", facts=" + facts.size()
                + "]";
    }

    /** Null when a published notice governs {@code date}, otherwise why none does. */
    private static String ungoverned(LocalDate date, Map<Integer, String> years) {
        int year = date.getYear();
        boolean late = !MonthDay.from(date).isBefore(LATE_DECEMBER);
        if (years.containsKey(year) || (late && years.containsKey(year + 1))) {
            return null;
        }
        return "no published notice fixes " + date + ": publish " + year + (late ? " or " + (year + 1) : "")
                + " first, or remove the fact";
    }

    private static void requireHeader(NavigableMap<LocalDate, CalendarFact> factsSoFar, String keyword) {
        if (!factsSoFar.isEmpty()) {
            throw new IllegalArgumentException("'" + keyword + "' must come before the first fact");
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date yyyy-MM-dd", e);
        }
    }

    private static String oneLine(String text, String what) {
        Objects.requireNonNull(text, what);
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.contains("\n") || stripped.contains("\r")) {
            throw new IllegalArgumentException(what + " must be one non-blank line");
        }
        return stripped;
    }
}
