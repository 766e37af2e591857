package org.weimin.query.pages;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.Grade;
import org.weimin.query.cases.PointInTimeController;
import org.weimin.query.figures.FiguresController;
import org.weimin.query.search.CaseSearchController;
import org.weimin.query.trail.TrailController;

/**
 * The supervisor dashboard (issue 10, behind the staff login): pages over exactly the supervisor API's controllers,
 * called with the signed-in {@link StaffMember}, so roles, the unit-subtree scope, validation and ErrorCodes are the
 * API's (README "Supervisor search", "Assessment figures", the trail and point-in-time sections):
 * <ul>
 *   <li>{@code GET /supervise}: the search form ({@link org.weimin.query.search.CaseSearchParams} filters), facets as
 *       links, one page of results with a "next" link ({@code after}: search_after paging) and export links;</li>
 *   <li>{@code GET /supervise/export.csv}, {@code .xlsx}: {@link CaseSearchController#exportCsv} /
 *       {@link CaseSearchController#exportXlsx} with the same filters;</li>
 *   <li>{@code GET /supervise/cases/{id}?at=2026-11-30T10:00}: the case as recorded at that Beijing time (or now) and
 *       its accountability trail as a timeline;</li>
 *   <li>{@code GET /supervise/figures?dimension=unit&period=2026-11}: the assessment figures of one month as a table,
 *       its grade distribution, and the three rates month by month over the six months up to it (rates over time), as
 *       tables with charts drawn from them.</li>
 * </ul>
 * Failures are the API's {@link DomainException}s rendered by the page error advice (ops): 403 {@code FORBIDDEN} for a
 * role other than supervisor/auditor or a unit outside the subtree, 400 {@code VALIDATION_FAILED},
 * 404 {@code CASE_NOT_FOUND}, 503 {@code SEARCH_UNAVAILABLE}.
 */
@Controller
public class SupervisorPages {
    /** Parameters of the page itself, never passed on to the search: the language switch. */
    private static final List<String> PAGE_ONLY = List.of("lang");
    private static final List<String> PAGING = List.of("size", "page", "after");
    private final CaseSearchController search;
    private final TrailController trails;
    private final PointInTimeController pointInTime;
    private final FiguresController figures;
    private final java.time.Clock clock;

    public SupervisorPages(CaseSearchController search, TrailController trails, PointInTimeController pointInTime,
                           FiguresController figures, java.time.Clock clock) {
        this.search = search;
        this.trails = trails;
        this.pointInTime = pointInTime;
        this.figures = figures;
        this.clock = clock;
    }

    /**
     * The search page. Without any filter it shows the open cases of the caller's scope, newest first.
     *
     * @throws DomainException as {@link CaseSearchController#search}
     */
    @GetMapping("/supervise")
    public String searchPage(StaffMember staff, @RequestParam MultiValueMap<String, String> params, Model model) {
        MultiValueMap<String, String> filters = filters(params);
        CaseSearchController.SearchResult result = search.search(staff, filters);
        MultiValueMap<String, String> exportFilters = without(filters, PAGING);
        model.addAttribute("result", result);
        model.addAttribute("f", filters.toSingleValueMap());
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("grades", Grade.values());
        model.addAttribute("facetLinks", facetLinks(result.facets(), exportFilters));
        model.addAttribute("nextLink", result.next() == null ? null
                : link("/supervise", without(filters, List.of("page", "after")), "after", result.next()));
        model.addAttribute("csvLink", link("/supervise/export.csv", exportFilters, null, null));
        model.addAttribute("xlsxLink", link("/supervise/export.xlsx", exportFilters, null, null));
        return "supervise/search";
    }

    /** Every match of the filters as CSV: exactly {@link CaseSearchController#exportCsv}. */
    @GetMapping("/supervise/export.csv")
    public ResponseEntity<StreamingResponseBody> exportCsv(StaffMember staff,
                                                           @RequestParam MultiValueMap<String, String> params) {
        return search.exportCsv(staff, filters(params));
    }

    /** Every match of the filters as XLSX: exactly {@link CaseSearchController#exportXlsx}. */
    @GetMapping("/supervise/export.xlsx")
    public ResponseEntity<StreamingResponseBody> exportXlsx(StaffMember staff,
                                                            @RequestParam MultiValueMap<String, String> params) {
        return search.exportXlsx(staff, filters(params));
    }

    /**
     * A case: its state as recorded at {@code at} (a Beijing local date-time {@code 2026-11-30T10:00}, or a date for
     * its end; default now) and its accountability trail.
     *
     * @throws DomainException {@code VALIDATION_FAILED} for a malformed {@code at}; else as
     *                         {@link TrailController#trail} and {@link PointInTimeController#asOf}
     */
    @GetMapping("/supervise/cases/{caseId}")
    public String casePage(StaffMember staff, @PathVariable String caseId,
                           @RequestParam(name = "at", required = false) String at, Model model) {
        LocalDateTime local = at == null || at.isBlank() ? null : beijing(at);
        String asOf = local == null ? null : local.atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
        model.addAttribute("trail", trails.trail(staff, caseId));
        model.addAttribute("view", pointInTime.asOf(staff, caseId, asOf));
        model.addAttribute("at", local == null ? "" : local.toString());
        return "supervise/case";
    }

    /**
     * The assessment figures of one period ({@code dimension} window, centre, unit or staff, default unit;
     * {@code period} a month, default this month in Beijing; {@code unit} the subtree, default the caller's), and
     * beside them the same rows month by month over {@link #TREND_MONTHS} months up to that one ({@code trend}; none
     * when the page is asked for a {@code from}–{@code to} range instead of a month).
     *
     * @throws DomainException as {@link FiguresController#figures}
     */
    @GetMapping("/supervise/figures")
    public String figuresPage(StaffMember staff, @RequestParam MultiValueMap<String, String> params, Model model) {
        MultiValueMap<String, String> request = filters(params);
        request.putIfAbsent("dimension", List.of("unit"));
        if (!request.containsKey("from")) {
            request.putIfAbsent("period", List.of(YearMonth.now(clock.withZone(WorkingCalendar.ZONE)).toString()));
        }
        model.addAttribute("report", figures.figures(staff, request));
        YearMonth month = trendMonth(request);
        model.addAttribute("trend", month == null ? null : figures.figures(staff, trend(request, month)));
        model.addAttribute("f", request.toSingleValueMap());
        model.addAttribute("gradeNames", Grade.values());
        return "supervise/figures";
    }

    /** Months in the trend beside a month's figures: that month and the five before it. */
    static final int TREND_MONTHS = 6;

    /** The month of a one-month request (granularity month, the default); null for a day, a year or a range. */
    static YearMonth trendMonth(MultiValueMap<String, String> request) {
        String granularity = request.getFirst("granularity");
        String period = request.getFirst("period");
        if (period == null || (granularity != null && !granularity.strip().equals("month"))) {
            return null;
        }
        try {
            return YearMonth.parse(period.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The same figures month by month for the {@link #TREND_MONTHS} months up to {@code month} (rates over time);
     * only called once the month's own request was accepted, so {@code period} is a month.
     */
    static MultiValueMap<String, String> trend(MultiValueMap<String, String> request, YearMonth month) {
        MultiValueMap<String, String> out = new LinkedMultiValueMap<>(request);
        out.remove("period");
        out.set("granularity", "month");
        out.set("from", month.minusMonths(TREND_MONTHS - 1L).toString());
        out.set("to", month.toString());
        return out;
    }

    /** The request's parameters without the page's own and without empty form fields. */
    static MultiValueMap<String, String> filters(MultiValueMap<String, String> params) {
        MultiValueMap<String, String> out = new LinkedMultiValueMap<>();
        params.forEach((name, values) -> {
            if (PAGE_ONLY.contains(name)) {
                return;
            }
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> out.add(name, v));
        });
        return out;
    }

    private static MultiValueMap<String, String> without(MultiValueMap<String, String> params, List<String> names) {
        MultiValueMap<String, String> out = new LinkedMultiValueMap<>(params);
        names.forEach(out::remove);
        return out;
    }

    /** {@code path?params} with {@code name=value} set (replacing any value it had), percent-encoded. */
    static String link(String path, MultiValueMap<String, String> params, String name, String value) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParams(params);
        if (name != null) {
            uri.replaceQueryParam(name, value);
        }
        return uri.encode().build().toUriString();
    }

    /**
     * Facet → value → (count, link narrowing the search to that value). The "unit" facet counts holding units, so its
     * link filters {@code holder}.
     */
    private static Map<String, Map<String, FacetLink>> facetLinks(Map<String, Map<String, Long>> facets,
                                                                  MultiValueMap<String, String> filters) {
        Map<String, Map<String, FacetLink>> out = new LinkedHashMap<>();
        if (facets == null) {
            return out;
        }
        facets.forEach((facet, counts) -> {
            String param = facet.equals("unit") ? "holder" : facet;
            Map<String, FacetLink> links = new LinkedHashMap<>();
            counts.forEach((value, count) -> links.put(value, new FacetLink(value, count,
                    link("/supervise", filters, param, value), value.equals(filters.getFirst(param)))));
            out.put(facet, links);
        });
        return out;
    }

    /** One facet value: its count, the link that filters by it, whether it is the current filter. */
    public record FacetLink(String value, long count, String href, boolean current) {
    }

    private static LocalDateTime beijing(String at) {
        try {
            return at.length() == 10 ? LocalDate.parse(at).atTime(23, 59, 59) : LocalDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "at is a Beijing date-time such as 2026-11-30T10:00.", Map.of("at", "a date-time"));
        }
    }
}
