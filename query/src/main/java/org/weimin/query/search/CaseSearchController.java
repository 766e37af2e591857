package org.weimin.query.search;

import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.projections.search.CaseSearchDocument;

/**
 * Supervisor search over the case search index (module {@code query}, issue 5):
 * <ul>
 *   <li>{@code GET /api/supervision/cases/search}: one page (filters and paging: {@link CaseSearchParams}), with the
 *       total, facet counts per status, holding unit and grade, and a {@code next} token for deep paging;</li>
 *   <li>{@code GET /api/supervision/cases/export.csv} and {@code .../export.xlsx}: every match of the same filters,
 *       streamed ({@link CaseExport});</li>
 *   <li>{@code GET /api/cases/queue}: the caller's unit's own queue, open cases it holds or awaits, earliest deadline
 *       first (any staff member).</li>
 * </ul>
 * Search and export are for supervisors, limited to their unit's subtree (a unit filter outside it is a 403, an unknown
 * unit a 400 {@code UNKNOWN_ORG_UNIT}), and auditors (everything). Elasticsearch
 * being down is a 503 {@code SEARCH_UNAVAILABLE}; nothing else in the service depends on it.
 */
@RestController
public class CaseSearchController {
    private static final int XLSX_MAX_ROWS = 1_048_575;
    private final CaseSearchService search;
    private final org.weimin.events.org.OrgTree orgTree;
    private final org.weimin.events.catalogue.ServiceCatalogue catalogue;

    public CaseSearchController(CaseSearchService search, org.weimin.events.org.OrgTree orgTree,
                                org.weimin.events.catalogue.ServiceCatalogue catalogue) {
        this.search = search;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
    }

    /** A hit as supervisors see it: personal data masked, the subject masked (rules.md "Personal data"). */
    public record SearchItem(String caseId, String trackingNumber, String status, String serviceItem, String channel,
                             String window, String officer, String holder, boolean awaitingAcceptance,
                             String receivedAt, String deadline, boolean deadlineProvisional, boolean warned,
                             boolean overdue, boolean paused, String completedAt, String completingUnit,
                             Boolean onTime, String grade, int breaches, String applicantNameMasked, String subject,
                             Double score) {
        static SearchItem of(CaseSearchService.Page.Hit hit) {
            CaseSearchDocument d = hit.item();
            return new SearchItem(d.caseId(), d.trackingNumber(), d.status(), d.serviceItem(), d.channel(), d.window(),
                    d.officer(), d.holder(), d.awaitingAcceptance(), d.receivedAt(), d.deadline(),
                    d.deadlineProvisional(), d.warned(), d.overdue(), d.paused(), d.completedAt(), d.completingUnit(),
                    d.onTime(), d.grade(), d.breaches(), d.applicantNameMasked(), d.subject(), hit.score());
        }
    }

    /**
     * A page of results.
     *
     * @param next   pass as {@code after} for the following page; null after the last
     * @param facets facet → value → count over all matches: {@code status}, {@code unit} (holding unit), {@code grade}
     */
    public record SearchResult(long total, List<SearchItem> items, String next,
                               Map<String, Map<String, Long>> facets) {
    }

    /**
     * @throws DomainException {@code FORBIDDEN} unless supervisor or auditor; {@code VALIDATION_FAILED} for bad
     *                         parameters
     */
    @GetMapping("/api/supervision/cases/search")
    public SearchResult search(StaffMember staff, @RequestParam MultiValueMap<String, String> params) {
        AccessPolicy.requireRole(staff, Action.SEARCH); // before the parameters: another role learns nothing
        CaseSearchParams.Parsed parsed = CaseSearchParams.parse(params, true);
        CaseSearchService.Page page = search.search(scoped(staff, parsed.filter()), parsed.paging());
        return new SearchResult(page.total(), page.items().stream().map(SearchItem::of).toList(), page.next(),
                page.facets());
    }

    /** Every match as CSV (UTF-8 with BOM); {@code X-Total-Count} says how many rows follow. */
    @GetMapping("/api/supervision/cases/export.csv")
    public ResponseEntity<StreamingResponseBody> exportCsv(StaffMember staff,
                                                           @RequestParam MultiValueMap<String, String> params) {
        return export(staff, params, "csv");
    }

    /**
     * Every match as an XLSX workbook.
     *
     * @throws DomainException {@code VALIDATION_FAILED} when more rows match than a sheet holds (1,048,575)
     */
    @GetMapping("/api/supervision/cases/export.xlsx")
    public ResponseEntity<StreamingResponseBody> exportXlsx(StaffMember staff,
                                                            @RequestParam MultiValueMap<String, String> params) {
        return export(staff, params, "xlsx");
    }

    /**
     * The caller's unit's queue: open cases it holds or awaits, by deadline; {@code size}, {@code after} page it.
     * For handling staff ({@link Action#UNIT_QUEUE}); others get 403 {@code FORBIDDEN}.
     */
    @GetMapping("/api/cases/queue")
    public SearchResult queue(StaffMember staff, @RequestParam MultiValueMap<String, String> params) {
        AccessPolicy.requireRole(staff, Action.UNIT_QUEUE);
        MultiValueMap<String, String> paging = new LinkedMultiValueMap<>();
        params.forEach((name, values) -> {
            if (!List.of("size", "page", "after").contains(name)) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "The queue takes only size, page and after.",
                        Map.of(name, "unknown parameter"));
            }
            paging.put(name, values);
        });
        paging.add("sort", "deadline");
        paging.add("order", "asc");
        CaseSearchParams.Parsed parsed = CaseSearchParams.parse(paging, true);
        CaseSearchService.Page page = search.queue(staff.unit().value(), parsed.paging());
        return new SearchResult(page.total(), page.items().stream().map(SearchItem::of).toList(), page.next(),
                Map.of());
    }

    private ResponseEntity<StreamingResponseBody> export(StaffMember staff, MultiValueMap<String, String> params,
                                                         String format) {
        AccessPolicy.requireRole(staff, Action.SEARCH);
        CaseSearchParams.Parsed parsed = CaseSearchParams.parse(params, false);
        CaseSearchFilter filter = scoped(staff, parsed.filter());
        // Counting first also makes an unreachable index a 503 before any byte of the file is sent.
        long total = search.count(filter);
        if (format.equals("xlsx") && total > XLSX_MAX_ROWS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, total + " cases match; an XLSX sheet holds at most "
                    + XLSX_MAX_ROWS + " rows. Narrow the search or export CSV.", Map.of("format", "xlsx"));
        }
        StreamingResponseBody body = out -> {
            var source = (java.util.function.Consumer<java.util.function.Consumer<CaseSearchDocument>>) rows ->
                    search.forEach(filter, parsed.paging().sort(), parsed.paging().ascending(), rows);
            if (format.equals("csv")) {
                CaseExport.csv(out, source);
            } else {
                CaseExport.xlsx(out, source);
            }
        };
        MediaType type = format.equals("csv") ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("cases." + format).build().toString())
                .header("X-Total-Count", Long.toString(total))
                .body(body);
    }

    /**
     * Supervisors search their own unit's subtree; auditors everything.
     *
     * @throws DomainException {@code FORBIDDEN} for any other role
     */
    private CaseSearchFilter scoped(StaffMember staff, CaseSearchFilter filter) {
        AccessPolicy.requireRole(staff, Action.SEARCH);
        boolean auditor = staff.hasRole(Role.AUDITOR.claim());
        for (var unit : java.util.Arrays.asList(filter.unit(), filter.holder(), filter.window())) {
            if (unit == null) {
                continue;
            }
            var id = org.weimin.events.UnitId.of(unit);
            orgTree.require(id); // UNKNOWN_ORG_UNIT (400)
            if (!auditor && !orgTree.isWithin(id, staff.unit())) {
                throw new DomainException(ErrorCode.FORBIDDEN, "Unit " + unit + " is outside your unit "
                        + staff.unit() + "'s subtree.", Map.of("unit", unit));
            }
        }
        for (String item : filter.serviceItems()) {
            catalogue.require(org.weimin.events.ServiceItemCode.of(item)); // UNKNOWN_SERVICE_ITEM (400)
        }
        if (filter.trackingNumber() != null) {
            // Same normalisation and check character as the public lookup; INVALID_TRACKING_NUMBER (400).
            filter = filter.withTrackingNumber(
                    org.weimin.events.cases.TrackingNumber.parse(filter.trackingNumber()).value());
        }
        return auditor ? filter : filter.withScope(staff.unit().value());
    }
}
