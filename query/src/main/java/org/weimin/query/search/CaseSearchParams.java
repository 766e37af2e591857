package org.weimin.query.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.Grade;

/**
 * Reads a search's query parameters strictly: an unknown parameter, a repeated single-valued one, a malformed date,
 * boolean or number, an unknown status, channel or grade are all a 400 {@code VALIDATION_FAILED} naming the field,
 * never silently ignored (a typo in a filter must not widen a supervisor's result).
 *
 * <p>Parameters: {@code q}, {@code name}, {@code trackingNumber}, {@code unit}, {@code holder}, {@code window},
 * {@code officer}, {@code item}*, {@code channel}*, {@code status}*, {@code grade}* (* repeatable or comma-separated),
 * {@code open}, {@code overdue}, {@code warned}, {@code paused}, {@code breach}, {@code provisional}
 * ({@code true}/{@code false}), {@code receivedFrom}, {@code receivedTo}, {@code completedFrom},
 * {@code completedTo} (ISO dates, Asia/Shanghai days, inclusive), {@code sort} (relevance, receivedAt, deadline,
 * completedAt), {@code order} (asc, desc), {@code size} (1–200), {@code page} (0-based, within the first 10,000
 * results), {@code after} (the {@code next} token of the previous page: deep paging).
 */
public final class CaseSearchParams {
    private static final Set<String> KNOWN = Set.of("q", "name", "trackingNumber", "unit", "holder", "window",
            "officer", "item", "channel", "status", "grade", "open", "overdue", "warned", "paused", "breach",
            "provisional", "receivedFrom", "receivedTo", "completedFrom", "completedTo", "sort", "order", "size",
            "page", "after");
    private static final Set<String> REPEATABLE = Set.of("item", "channel", "status", "grade");
    /** Longest free-text query, in characters. */
    public static final int MAX_TEXT = 200;
    public static final int MAX_SIZE = 200;

    private final QueryParameters q;
    private final MultiValueMap<String, String> params;

    private CaseSearchParams(MultiValueMap<String, String> params) {
        this.params = params;
        this.q = new QueryParameters(params);
    }

    /** A parsed search: the filter and how to page and sort it. */
    public record Parsed(CaseSearchFilter filter, CaseSearchService.Paging paging) {
    }

    /**
     * @param allowPaging false for exports (which take every result): then sort and order are still read, paging not
     * @throws DomainException {@code VALIDATION_FAILED} with a field → problem map
     */
    public static Parsed parse(MultiValueMap<String, String> params, boolean allowPaging) {
        CaseSearchParams p = new CaseSearchParams(params);
        return p.read(allowPaging);
    }

    private Parsed read(boolean allowPaging) {
        q.known(KNOWN, REPEATABLE);
        String text = q.one("q");
        if (text != null && text.length() > MAX_TEXT) {
            q.error("q", "at most " + MAX_TEXT + " characters");
        } else if (text != null && org.weimin.projections.search.SearchText.chars(text).isEmpty()) {
            q.error("q", "at least one letter or digit");
        }
        if (!allowPaging) {
            for (String paging : List.of("size", "page", "after")) {
                if (params.containsKey(paging)) {
                    q.error(paging, "an export takes every match: no paging");
                }
            }
        }
        CaseSearchFilter filter = new CaseSearchFilter(text, q.one("name"), q.one("trackingNumber"), q.one("unit"),
                q.one("holder"), q.one("window"), q.one("officer"), many("item", null),
                many("channel", Channel.class),
                many("status", CaseStatus.class), many("grade", Grade.class), bool("open"), bool("overdue"),
                bool("warned"), bool("paused"), bool("breach"), bool("provisional"), date("receivedFrom"),
                date("receivedTo"), date("completedFrom"), date("completedTo"), null);
        range("receivedFrom", filter.receivedFrom(), "receivedTo", filter.receivedTo());
        range("completedFrom", filter.completedFrom(), "completedTo", filter.completedTo());
        String sort = q.one("sort");
        CaseSearchService.Sort by = null;
        if (sort != null) {
            by = CaseSearchService.Sort.fromParam(sort);
            if (by == null) {
                q.error("sort", "one of relevance, receivedAt, deadline, completedAt");
            }
        }
        if (by == null) {
            by = filter.text() != null && !filter.text().isBlank() ? CaseSearchService.Sort.RELEVANCE
                    : CaseSearchService.Sort.RECEIVED_AT;
        }
        String order = q.one("order");
        boolean ascending = by == CaseSearchService.Sort.DEADLINE;
        if (order != null) {
            switch (order) {
                case "asc" -> ascending = true;
                case "desc" -> ascending = false;
                default -> q.error("order", "asc or desc");
            }
        }
        int size = allowPaging ? q.integer("size", 20, 1, MAX_SIZE) : 0;
        int page = allowPaging ? q.integer("page", 0, 0, Integer.MAX_VALUE) : 0;
        String after = allowPaging ? q.one("after") : null;
        if (allowPaging && after == null && (long) (page + 1) * size > 10_000) {
            q.error("page", "pages beyond the first 10,000 results need the 'after' token of the previous page");
        }
        if (allowPaging && after != null && page != 0) {
            q.error("page", "give either page or after");
        }
        q.failIfAny("search");
        return new Parsed(filter, new CaseSearchService.Paging(by, ascending, size, page, after));
    }


    private List<String> many(String name, Class<? extends Enum<?>> type) {
        List<String> values = params.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String v = part.strip();
                if (v.isEmpty()) {
                    continue;
                }
                if (type != null) {
                    boolean known = false;
                    for (Enum<?> constant : type.getEnumConstants()) {
                        known |= constant.name().equals(v);
                    }
                    if (!known) {
                        q.error(name, "unknown value '" + abbreviate(v) + "'");
                        continue;
                    }
                }
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private Boolean bool(String name) {
        String v = q.one(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                q.error(name, "true or false");
                yield null;
            }
        };
    }

    private LocalDate date(String name) {
        String v = q.one(name);
        if (v == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(v);
            if (date.getYear() < 1900 || date.getYear() > 2999) {
                q.error(name, "a date between 1900 and 2999");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            q.error(name, "an ISO date such as 2026-03-02");
            return null;
        }
    }

    private void range(String fromName, LocalDate from, String toName, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            q.error(toName, "not before " + fromName);
        }
    }


    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
