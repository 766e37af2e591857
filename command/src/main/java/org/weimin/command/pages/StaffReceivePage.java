package org.weimin.command.pages;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.weimin.command.api.ApplicantInput;
import org.weimin.command.api.Receipt;
import org.weimin.command.api.ReceiveCaseRequest;
import org.weimin.command.api.StaffRequests.NoticeRequest;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.privacy.IdDocumentType;

/**
 * Receiving a case at a window on the staff workbench (issue 10; login required, CSRF token required):
 * <ul>
 *   <li>{@code GET /work/receive[?serviceItem=…]}: the service item select (a GET form, no script needed), then for
 *       the chosen item the receiving form: the staff member's centre's open windows, channel, applicant fields and
 *       the item's required materials (service catalogue) as a checklist, all ticked;</li>
 *   <li>{@code POST /work/receive}: form fields {@code window}, {@code serviceItem}, {@code channel},
 *       {@code applicant.name}, {@code applicant.idType}, {@code applicant.idNumber}, {@code applicant.phone},
 *       {@code applicant.address}, {@code subject}, {@code description}, {@code provided} (material codes ticked,
 *       repeated) and {@code otherMissing} (free-text missing items, one a line). It runs the API's receive
 *       ({@link CaseCommandService#receive}, same {@link ReceiveCaseRequest} constraints); every material not ticked,
 *       with the other items, then becomes the one-time notice ({@link CaseCommandService#notifyMissingMaterials},
 *       told in person; rules.md "One-time notice and the paused clock": the first notice lists everything at once
 *       and pauses the clock). A 400 refusal redisplays the form with the messages beside the fields and the input
 *       kept (status 400, nothing received); a 403 is the error page.</li>
 *   <li>{@code GET /work/cases/{id}/receipt}: the printable receipt, right after receiving only. The receipt (with
 *       the verification code, which is stored nowhere but as a keyed hash, as the API's {@link Receipt}) travels to
 *       this page as a one-request flash attribute and is gone after it is shown; opened again, the address leads to
 *       the case page.</li>
 * </ul>
 */
@Controller
public class StaffReceivePage {
    private static final Set<String> FIELDS = Set.of("window", "serviceItem", "channel", "applicant.name",
            "applicant.idType", "applicant.idNumber", "applicant.phone", "applicant.address", "subject",
            "description", "otherMissing");
    private final CaseCommandService service;
    private final Validator validator;
    private final OrgTree orgTree;
    private final ServiceCatalogue catalogue;

    public StaffReceivePage(CaseCommandService service, Validator validator, OrgTree orgTree,
                            ServiceCatalogue catalogue) {
        this.service = service;
        this.validator = validator;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
    }

    /**
     * The service item select and, for a chosen item, the receiving form.
     *
     * @throws DomainException {@code FORBIDDEN} for a role that does not receive cases; {@code UNKNOWN_SERVICE_ITEM}
     */
    @GetMapping("/work/receive")
    public String form(StaffMember staff, @RequestParam(name = "serviceItem", required = false) String serviceItem,
                       Model model) {
        AccessPolicy.requireRole(staff, Action.RECEIVE);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", Channel.WINDOW.name());
        List<OrgUnit> windows = windows(staff);
        if (!windows.isEmpty()) {
            form.put("window", windows.get(0).id().value());
        }
        ServiceItem item = serviceItem == null || serviceItem.isBlank() ? null
                : catalogue.require(ServiceItemCode.of(serviceItem.strip()));
        show(staff, item, form, item == null ? List.of() : codes(item), Map.of(), model);
        return "work/receive";
    }

    /**
     * Receives the case, sends the one-time notice for what is missing, and shows the receipt.
     *
     * @throws DomainException {@code FORBIDDEN} (403: role, another unit's window), {@code SERVICE_UNAVAILABLE} and
     *                         other non-400 refusals of {@link CaseCommandService#receive}, rendered as the error page
     */
    @PostMapping("/work/receive")
    public String receive(StaffMember staff, @RequestParam MultiValueMap<String, String> params, Model model,
                          RedirectAttributes redirect, HttpServletResponse response) {
        AccessPolicy.requireRole(staff, Action.RECEIVE);
        Map<String, String> form = new LinkedHashMap<>();
        FIELDS.forEach(name -> {
            String value = params.getFirst(name);
            if (value != null) {
                form.put(name, value);
            }
        });
        List<String> provided = params.getOrDefault("provided", List.of());
        ServiceItem item = form.get("serviceItem") == null || form.get("serviceItem").isBlank() ? null
                : catalogue.find(ServiceItemCode.of(form.get("serviceItem").strip())).orElse(null);
        try {
            ReceiveCaseRequest request = new ReceiveCaseRequest(form.get("window"), form.get("serviceItem"),
                    StaffForms.enumOf(Channel.class, form.get("channel"), "channel"),
                    new ApplicantInput(form.get("applicant.name"),
                            StaffForms.enumOf(IdDocumentType.class, form.get("applicant.idType"), "applicant.idType"),
                            blankToNull(form.get("applicant.idNumber")), blankToNull(form.get("applicant.phone")),
                            blankToNull(form.get("applicant.address"))),
                    form.get("subject"), blankToNull(form.get("description")));
            Map<String, String> fields = StaffForms.violations(validator, request);
            List<String> otherMissing = StaffForms.lines(form.get("otherMissing"));
            if (otherMissing.size() > 50 || otherMissing.stream().anyMatch(line -> line.length() > 200)) {
                fields.put("otherMissing", "at most 50 lines of at most 200 characters");
            }
            if (!fields.isEmpty()) {
                throw StaffForms.invalid(fields);
            }
            if (item == null) {
                throw new DomainException(ErrorCode.UNKNOWN_SERVICE_ITEM, "Choose a service item.",
                        Map.of("serviceItem", "unknown"));
            }
            List<String> missing = item.materials().stream().map(Material::code)
                    .filter(code -> !provided.contains(code)).toList();
            Receipt receipt = service.receive(staff, request);
            List<String> noticeItems = new ArrayList<>();
            if (!missing.isEmpty() || !otherMissing.isEmpty()) {
                service.notifyMissingMaterials(staff, CaseId.of(receipt.caseId()), null,
                        new NoticeRequest(missing, otherMissing, NotificationChannel.IN_PERSON));
                item.materials().stream().filter(m -> missing.contains(m.code())).map(Material::name)
                        .forEach(noticeItems::add);
                noticeItems.addAll(otherMissing);
            }
            redirect.addFlashAttribute("receipt", receipt);
            redirect.addFlashAttribute("serviceItemName", item.name());
            redirect.addFlashAttribute("noticeItems", noticeItems);
            return "redirect:/work/cases/" + receipt.caseId() + "/receipt";
        } catch (RuntimeException e) {
            DomainException refusal = StaffForms.formRefusal(e);
            if (refusal == null) {
                throw e;
            }
            response.setStatus(refusal.code().httpStatus());
            model.addAttribute("refusal", refusal.code().name());
            model.addAttribute("refusalFallback", refusal.code().title());
            show(staff, item, form, provided, refusal.fields(), model);
            return "work/receive";
        }
    }

    /** The printable receipt, once, right after receiving; otherwise the case page. */
    @GetMapping("/work/cases/{caseId}/receipt")
    public String receipt(StaffMember staff, @PathVariable String caseId, Model model) {
        Object receipt = model.getAttribute("receipt");
        if (!(receipt instanceof Receipt r) || !r.caseId().equals(caseId)) {
            return "redirect:/work/cases/" + CaseId.of(caseId).value();
        }
        return "work/receipt";
    }

    private void show(StaffMember staff, ServiceItem item, Map<String, String> form, List<String> provided,
                      Map<String, String> errors, Model model) {
        model.addAttribute("items", catalogue.all().stream().filter(ServiceItem::active)
                .sorted(Comparator.comparing(i -> i.code().value())).toList());
        model.addAttribute("item", item);
        model.addAttribute("windows", windows(staff));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("idTypes", IdDocumentType.values());
        model.addAttribute("form", form);
        model.addAttribute("provided", provided);
        model.addAttribute("errors", errors);
    }

    /** The open windows of the staff member's own centre. */
    private List<OrgUnit> windows(StaffMember staff) {
        return orgTree.children(staff.unit()).stream()
                .filter(u -> u.kind() == OrgUnitKind.WINDOW && u.active())
                .sorted(Comparator.comparing(u -> u.id().value())).toList();
    }

    private static List<String> codes(ServiceItem item) {
        return item.materials().stream().map(Material::code).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
