package org.weimin.query.pages;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.weimin.events.DomainException;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.ResultType;
import org.weimin.query.cases.CaseQueryController;
import org.weimin.query.cases.StaffCaseView;
import org.weimin.query.search.CaseSearchController;

/**
 * The staff workbench's read pages (issue 10; login required), built from exactly the staff API's answers:
 * <ul>
 *   <li>{@code GET /work}: the unit's queue ({@link CaseSearchController#queue}, {@code GET /api/cases/queue}: open
 *       cases the staff member's unit holds or awaits, earliest deadline first, up to 200), each row with its deadline
 *       and marks in words as well as colour: overdue (red), warned (yellow, rules.md "Deadlines and calendar"),
 *       paused (one-time notice waiting for a supplement), awaiting acceptance; each links to its case page;</li>
 *   <li>{@code GET /work/cases/{id}}: the staff view ({@link CaseQueryController#staffView}, personal data masked)
 *       with its timeline, notices and notifications, and the action forms the staff member may use now (posting to
 *       the command side's {@code StaffCaseActions}): while the unit holds the open case, progress notice,
 *       completion, extension request, forward (to a centre or line department), and supplement while paused;
 *       accept or return while it awaits acceptance; result
 *       notice once the unit completed it. The forms show the messages of a refused post (flash attributes).</li>
 * </ul>
 * Refusals are the API's {@link DomainException}s rendered by the page error advice: 403 {@code FORBIDDEN} for a
 * role without a queue or a case outside the reader's scope, 404 {@code CASE_NOT_FOUND}, 503
 * {@code SEARCH_UNAVAILABLE} for the queue when the search index is down.
 */
@Controller
public class StaffWorkPages {
    private static final Set<String> FINISHED = Set.of("COMPLETED", "EVALUATED");
    /** Units a case can be forwarded to: the service's rule (no windows, no residents' groups) minus the tree's top. */
    private static final Set<OrgUnitKind> HOLDING = Set.of(OrgUnitKind.SERVICE_CENTRE, OrgUnitKind.LINE_DEPARTMENT);
    private final CaseSearchController search;
    private final CaseQueryController cases;
    private final ServiceCatalogue catalogue;
    private final OrgTree orgTree;

    public StaffWorkPages(CaseSearchController search, CaseQueryController cases, ServiceCatalogue catalogue,
                          OrgTree orgTree) {
        this.search = search;
        this.cases = cases;
        this.catalogue = catalogue;
        this.orgTree = orgTree;
    }

    /** One queue row: the API's item and its deadline as an instant (null when none or unreadable). */
    public record QueueRow(CaseSearchController.SearchItem item, Instant deadline) {
    }

    /** The unit's queue. */
    @GetMapping("/work")
    public String queue(StaffMember staff, Model model) {
        LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("size", "200");
        CaseSearchController.SearchResult result = search.queue(staff, params);
        model.addAttribute("total", result.total());
        model.addAttribute("rows", result.items().stream().map(i -> new QueueRow(i, instant(i.deadline()))).toList());
        model.addAttribute("itemNames", catalogue.all().stream().collect(java.util.stream.Collectors.toMap(
                i -> i.code().value(), i -> i.name(), (a, b) -> a)));
        return "work/queue";
    }

    /** The case with its timeline and the action forms for now. */
    @GetMapping("/work/cases/{caseId}")
    public String caseView(StaffMember staff, @PathVariable String caseId, Model model) {
        StaffCaseView view = cases.staffView(staff, caseId);
        boolean holds = view.holder().code().equals(staff.unit().value());
        boolean open = !FINISHED.contains(view.status());
        boolean active = holds && open && !view.awaitingAcceptance();
        model.addAttribute("view", view);
        model.addAttribute("mayProgress", active && AccessPolicy.hasRoleFor(staff, Action.NOTIFY_PROGRESS));
        model.addAttribute("mayComplete", active && AccessPolicy.hasRoleFor(staff, Action.COMPLETE));
        model.addAttribute("mayExtend", active && AccessPolicy.hasRoleFor(staff, Action.REQUEST_EXTENSION));
        model.addAttribute("maySupplement", active && view.paused()
                && AccessPolicy.hasRoleFor(staff, Action.SUPPLEMENT));
        model.addAttribute("mayAccept", holds && open && view.awaitingAcceptance()
                && AccessPolicy.hasRoleFor(staff, Action.ACCEPT));
        model.addAttribute("mayReturn", holds && open && view.awaitingAcceptance()
                && AccessPolicy.hasRoleFor(staff, Action.RETURN));
        boolean mayForward = active && AccessPolicy.hasRoleFor(staff, Action.FORWARD);
        model.addAttribute("mayForward", mayForward);
        model.addAttribute("targets", !mayForward ? List.of() : orgTree.all().stream()
                .filter(u -> u.active() && HOLDING.contains(u.kind()) && !u.id().equals(staff.unit()))
                .sorted(java.util.Comparator.comparing(u -> u.id().value())).toList());
        model.addAttribute("mayNotifyResult", !open && view.completion() != null
                && view.completion().unit().code().equals(staff.unit().value())
                && AccessPolicy.hasRoleFor(staff, Action.NOTIFY_RESULT));
        model.addAttribute("materials", catalogue.find(ServiceItemCode.of(view.serviceItem().code()))
                .map(item -> item.materials()).orElse(List.<Material>of()));
        model.addAttribute("channels", NotificationChannel.values());
        model.addAttribute("results", ResultType.values());
        return "work/case";
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
