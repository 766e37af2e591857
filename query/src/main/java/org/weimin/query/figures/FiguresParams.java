package org.weimin.query.figures;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;

/**
 * Reads the figures endpoints' query parameters strictly, like the search's: an unknown or repeated parameter, an
 * unknown dimension, granularity or figure, a period not written for its granularity, a range running backwards or
 * longer than {@value #MAX_PERIODS} periods are each a 400 {@code VALIDATION_FAILED} naming the field, never ignored.
 *
 * <p>{@code GET /api/supervision/figures}: {@code dimension} (window, centre, unit, staff; required),
 * {@code granularity} (day, month, year; default month), either {@code period} or {@code from} and {@code to}
 * (periods of that granularity, inclusive: {@code 2026-03-05}, {@code 2026-03}, {@code 2026}; Asia/Shanghai),
 * {@code unit} (the unit whose subtree is broken down; default the caller's own unit, for auditors the root),
 * {@code staff} (dimension staff only: just this staff member).
 *
 * <p>{@code GET /api/supervision/figures/explain}: {@code figure} (a {@link CaseSet} name; required),
 * {@code dimension}, {@code granularity}, {@code period} (one period; required), {@code unit} (the row: the window,
 * centre or unit; for staff the subtree, default as above), {@code staff} (the row for dimension staff),
 * {@code size} (1–{@value #MAX_SIZE}, default 50), {@code after} (the {@code next} token of the previous page).
 */
public final class FiguresParams {
    /** Most periods one request may span. */
    public static final int MAX_PERIODS = 120;
    public static final int MAX_SIZE = 200;
    private static final Set<String> FIGURES = Set.of("dimension", "granularity", "period", "from", "to", "unit",
            "staff");
    private static final Set<String> EXPLAIN = Set.of("figure", "dimension", "granularity", "period", "unit", "staff",
            "size", "after");

    private final MultiValueMap<String, String> params;
    private final org.weimin.query.search.QueryParameters q;

    private FiguresParams(MultiValueMap<String, String> params) {
        this.params = params;
        this.q = new org.weimin.query.search.QueryParameters(params);
    }

    /**
     * A figures request.
     *
     * @param unit  the requested unit, or null for the caller's default
     * @param staff only this staff member (dimension staff), or null
     */
    public record Figures(Dimension dimension, Granularity granularity, List<Period> periods, String unit,
                          String staff) {
    }

    /**
     * An explain request.
     *
     * @param after the {@code next} token (a case id) of the previous page, or null
     */
    public record Explain(CaseSet figure, Dimension dimension, Period period, String unit, String staff, int size,
                          String after) {
    }

    /** @throws DomainException {@code VALIDATION_FAILED} with a field → problem map */
    public static Figures figures(MultiValueMap<String, String> params) {
        FiguresParams p = new FiguresParams(params);
        p.known(FIGURES);
        Dimension dimension = p.dimension();
        Granularity granularity = p.granularity();
        List<Period> periods = p.periods(granularity);
        String staff = p.q.one("staff");
        if (staff != null && dimension != null && dimension != Dimension.STAFF) {
            p.q.error("staff", "only with dimension=staff");
        }
        p.fail();
        return new Figures(dimension, granularity, periods, p.q.one("unit"), staff);
    }

    /** @throws DomainException {@code VALIDATION_FAILED} with a field → problem map */
    public static Explain explain(MultiValueMap<String, String> params) {
        FiguresParams p = new FiguresParams(params);
        p.known(EXPLAIN);
        CaseSet figure = null;
        String name = p.q.one("figure");
        if (name == null) {
            p.q.error("figure", "required: one of " + String.join(", ",
                    CaseSet.all().stream().map(CaseSet::param).toList()));
        } else {
            figure = CaseSet.fromParam(name);
            if (figure == null) {
                p.q.error("figure", "one of " + String.join(", ",
                        CaseSet.all().stream().map(CaseSet::param).toList()));
            }
        }
        Dimension dimension = p.dimension();
        Granularity granularity = p.granularity();
        Period period = null;
        String text = p.q.one("period");
        if (text == null) {
            p.q.error("period", "required");
        } else if (granularity != null) {
            period = p.period("period", granularity, text);
        }
        String unit = p.q.one("unit");
        String staff = p.q.one("staff");
        if (dimension == Dimension.STAFF) {
            if (staff == null) {
                p.q.error("staff", "required with dimension=staff");
            }
            if (figure != null && !figure.attribution().applies(Dimension.STAFF)) {
                p.q.error("figure", figure.param() + " is not attributed to staff (rules.md: "
                        + figure.attribution().describe(Dimension.STAFF) + ")");
            }
        } else if (dimension != null) {
            if (unit == null) {
                p.q.error("unit", "required: the " + dimension.param() + " whose cases to list");
            }
            if (staff != null) {
                p.q.error("staff", "only with dimension=staff");
            }
        }
        int size = p.q.integer("size", 50, 1, MAX_SIZE);
        String after = p.q.one("after");
        p.fail();
        return new Explain(figure, dimension, period, unit, staff, size, after);
    }

    private void known(Set<String> allowed) {
        q.known(allowed, Set.of());
    }

    private Dimension dimension() {
        String v = q.one("dimension");
        if (v == null) {
            q.error("dimension", "required: window, centre, unit or staff");
            return null;
        }
        Dimension d = Dimension.fromParam(v);
        if (d == null) {
            q.error("dimension", "one of window, centre, unit, staff");
        }
        return d;
    }

    private Granularity granularity() {
        String v = q.one("granularity");
        if (v == null) {
            return Granularity.MONTH;
        }
        Granularity g = Granularity.fromParam(v);
        if (g == null) {
            q.error("granularity", "one of day, month, year");
        }
        return g;
    }

    private List<Period> periods(Granularity granularity) {
        String period = q.one("period");
        String from = q.one("from");
        String to = q.one("to");
        if (period != null && (from != null || to != null)) {
            q.error("period", "give either period or from and to");
            return List.of();
        }
        if (period == null && (from == null || to == null)) {
            q.error(from == null ? "from" : "to", "give period, or both from and to");
            return List.of();
        }
        if (granularity == null) {
            return List.of();
        }
        Period first = period(period != null ? "period" : "from", granularity, period != null ? period : from);
        Period last = period != null ? first : period("to", granularity, to);
        if (first == null || last == null) {
            return List.of();
        }
        if (last.first().isBefore(first.first())) {
            q.error("to", "not before from");
            return List.of();
        }
        List<Period> periods = new ArrayList<>();
        for (Period p = first; !p.first().isAfter(last.first()); p = p.next()) {
            if (periods.size() == MAX_PERIODS) {
                q.error("to", "at most " + MAX_PERIODS + " periods per request");
                return List.of();
            }
            periods.add(p);
        }
        return List.copyOf(periods);
    }

    private Period period(String name, Granularity granularity, String text) {
        try {
            Period p = Period.parse(granularity, text);
            if (p.first().getYear() < 1900 || p.first().getYear() > 2999) {
                q.error(name, "a period between 1900 and 2999");
                return null;
            }
            return p;
        } catch (DateTimeParseException e) {
            q.error(name, switch (granularity) {
                case DAY -> "a day such as 2026-03-05 (granularity=day)";
                case MONTH -> "a month such as 2026-03 (granularity=month)";
                case YEAR -> "a year such as 2026 (granularity=year)";
            });
            return null;
        }
    }



    private void fail() {
        q.failIfAny("figures");
    }
}
