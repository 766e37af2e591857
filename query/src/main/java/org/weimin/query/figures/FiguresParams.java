package org.weimin.query.figures;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

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
    private final Map<String, String> errors = new LinkedHashMap<>();

    private FiguresParams(MultiValueMap<String, String> params) {
        this.params = params;
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
        String staff = p.one("staff");
        if (staff != null && dimension != null && dimension != Dimension.STAFF) {
            p.errors.put("staff", "only with dimension=staff");
        }
        p.fail();
        return new Figures(dimension, granularity, periods, p.one("unit"), staff);
    }

    /** @throws DomainException {@code VALIDATION_FAILED} with a field → problem map */
    public static Explain explain(MultiValueMap<String, String> params) {
        FiguresParams p = new FiguresParams(params);
        p.known(EXPLAIN);
        CaseSet figure = null;
        String name = p.one("figure");
        if (name == null) {
            p.errors.put("figure", "required: one of " + String.join(", ",
                    CaseSet.all().stream().map(CaseSet::param).toList()));
        } else {
            figure = CaseSet.fromParam(name);
            if (figure == null) {
                p.errors.put("figure", "one of " + String.join(", ",
                        CaseSet.all().stream().map(CaseSet::param).toList()));
            }
        }
        Dimension dimension = p.dimension();
        Granularity granularity = p.granularity();
        Period period = null;
        String text = p.one("period");
        if (text == null) {
            p.errors.put("period", "required");
        } else if (granularity != null) {
            period = p.period("period", granularity, text);
        }
        String unit = p.one("unit");
        String staff = p.one("staff");
        if (dimension == Dimension.STAFF) {
            if (staff == null) {
                p.errors.put("staff", "required with dimension=staff");
            }
            if (figure != null && !figure.attribution().applies(Dimension.STAFF)) {
                p.errors.put("figure", figure.param() + " is not attributed to staff (rules.md: "
                        + figure.attribution().describe(Dimension.STAFF) + ")");
            }
        } else if (dimension != null) {
            if (unit == null) {
                p.errors.put("unit", "required: the " + dimension.param() + " whose cases to list");
            }
            if (staff != null) {
                p.errors.put("staff", "only with dimension=staff");
            }
        }
        int size = p.integer("size", 50, 1, MAX_SIZE);
        String after = p.one("after");
        p.fail();
        return new Explain(figure, dimension, period, unit, staff, size, after);
    }

    private void known(Set<String> allowed) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                errors.put(e.getKey(), "unknown parameter");
            } else if (e.getValue().size() > 1) {
                errors.put(e.getKey(), "given more than once");
            }
        }
    }

    private Dimension dimension() {
        String v = one("dimension");
        if (v == null) {
            errors.put("dimension", "required: window, centre, unit or staff");
            return null;
        }
        Dimension d = Dimension.fromParam(v);
        if (d == null) {
            errors.put("dimension", "one of window, centre, unit, staff");
        }
        return d;
    }

    private Granularity granularity() {
        String v = one("granularity");
        if (v == null) {
            return Granularity.MONTH;
        }
        Granularity g = Granularity.fromParam(v);
        if (g == null) {
            errors.put("granularity", "one of day, month, year");
        }
        return g;
    }

    private List<Period> periods(Granularity granularity) {
        String period = one("period");
        String from = one("from");
        String to = one("to");
        if (period != null && (from != null || to != null)) {
            errors.put("period", "give either period or from and to");
            return List.of();
        }
        if (period == null && (from == null || to == null)) {
            errors.put(from == null ? "from" : "to", "give period, or both from and to");
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
            errors.put("to", "not before from");
            return List.of();
        }
        List<Period> periods = new ArrayList<>();
        for (Period p = first; !p.first().isAfter(last.first()); p = p.next()) {
            if (periods.size() == MAX_PERIODS) {
                errors.put("to", "at most " + MAX_PERIODS + " periods per request");
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
                errors.put(name, "a period between 1900 and 2999");
                return null;
            }
            return p;
        } catch (DateTimeParseException e) {
            errors.put(name, switch (granularity) {
                case DAY -> "a day such as 2026-03-05 (granularity=day)";
                case MONTH -> "a month such as 2026-03 (granularity=month)";
                case YEAR -> "a year such as 2026 (granularity=year)";
            });
            return null;
        }
    }

    private String one(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(0);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private int integer(String name, int fallback, int min, int max) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                errors.put(name, "between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.put(name, "a whole number");
            return fallback;
        }
    }

    private void fail() {
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Some figures parameters are invalid: "
                    + String.join(", ", errors.keySet()) + ".", errors);
        }
    }
}
