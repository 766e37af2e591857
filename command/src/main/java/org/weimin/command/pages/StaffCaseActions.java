package org.weimin.command.pages;

import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.weimin.command.api.CompleteCaseRequest;
import org.weimin.command.api.StaffRequests.ExtensionRequest;
import org.weimin.command.api.StaffRequests.ForwardRequest;
import org.weimin.command.api.StaffRequests.ReasonRequest;
import org.weimin.command.api.StaffRequests.NotificationRequest;
import org.weimin.command.api.StaffRequests.SupplementRequest;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.StaffMember;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.ResultType;

/**
 * The action forms of the staff case page {@code /work/cases/{id}} (issue 10; login and CSRF token required). Each
 * runs exactly the API's command (same request record and constraints, same {@link CaseCommandService} method, so
 * the same AccessPolicy checks and ErrorCodes) and redirects back to the case page (post/redirect/get):
 * <ul>
 *   <li>{@code POST /work/cases/{id}/progress-notices}, {@code .../result-notices}: {@code channel}
 *       ({@link NotificationChannel}), {@code text};</li>
 *   <li>{@code POST .../completion}: {@code result} ({@link ResultType}), {@code resultText};</li>
 *   <li>{@code POST .../supplement}: {@code materials} (codes, repeated), {@code otherItems} (one a line);</li>
 *   <li>{@code POST .../acceptance} (no fields); {@code POST .../return}: {@code reason};</li>
 *   <li>{@code POST .../forward}: {@code targetUnit} (a unit id), {@code reason};</li>
 *   <li>{@code POST .../extension-requests}: {@code workingDays} (1–60), {@code reason}.</li>
 * </ul>
 * Success leaves flash attribute {@code done} (the action) and {@code doneSequence} (the command reply's sequence).
 * A 400 refusal leaves {@code failed} (the action), {@code errors} (field → message), {@code refusal} (the code) and
 * {@code input} (the fields as typed) for the page to show beside that form; nothing is appended. Any other refusal
 * (403 {@code FORBIDDEN} for another unit's case or a role that may not act, 404, 409) is the error page.
 */
@Controller
public class StaffCaseActions {
    private final CaseCommandService service;
    private final Validator validator;

    public StaffCaseActions(CaseCommandService service, Validator validator) {
        this.service = service;
        this.validator = validator;
    }

    /** Records what the applicant was told about progress. */
    @PostMapping("/work/cases/{caseId}/progress-notices")
    public String progress(StaffMember staff, @PathVariable String caseId,
                           @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("progress", caseId, params, redirect,
                () -> service.notifyProgress(staff, CaseId.of(caseId), null, notification(params)).sequence());
    }

    /** Records how the applicant was told the result. */
    @PostMapping("/work/cases/{caseId}/result-notices")
    public String result(StaffMember staff, @PathVariable String caseId,
                         @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("result", caseId, params, redirect,
                () -> service.notifyResult(staff, CaseId.of(caseId), null, notification(params)).sequence());
    }

    /** Completes the case with its result. */
    @PostMapping("/work/cases/{caseId}/completion")
    public String complete(StaffMember staff, @PathVariable String caseId,
                           @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("completion", caseId, params, redirect, () -> {
            CompleteCaseRequest request = valid(new CompleteCaseRequest(
                    StaffForms.enumOf(ResultType.class, params.getFirst("result"), "result"),
                    params.getFirst("resultText")));
            return service.complete(staff, CaseId.of(caseId), null, request).sequence();
        });
    }

    /** Records the applicant's supplement: the clock resumes. */
    @PostMapping("/work/cases/{caseId}/supplement")
    public String supplement(StaffMember staff, @PathVariable String caseId,
                             @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("supplement", caseId, params, redirect, () -> {
            SupplementRequest request = valid(new SupplementRequest(params.getOrDefault("materials", List.of()),
                    StaffForms.lines(params.getFirst("otherItems"))));
            return service.supplement(staff, CaseId.of(caseId), null, request).sequence();
        });
    }

    /** Accepts a case forwarded to the staff member's unit. */
    @PostMapping("/work/cases/{caseId}/acceptance")
    public String accept(StaffMember staff, @PathVariable String caseId,
                         @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("acceptance", caseId, params, redirect,
                () -> service.accept(staff, CaseId.of(caseId), null).sequence());
    }

    /** Forwards the case to another unit, with a reason. */
    @PostMapping("/work/cases/{caseId}/forward")
    public String forward(StaffMember staff, @PathVariable String caseId,
                          @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("forward", caseId, params, redirect, () -> service.forward(staff, CaseId.of(caseId), null,
                valid(new ForwardRequest(params.getFirst("targetUnit"), params.getFirst("reason")))).sequence());
    }

    /** Returns a case forwarded to the staff member's unit, within the return window, with a reason. */
    @PostMapping("/work/cases/{caseId}/return")
    public String returnCase(StaffMember staff, @PathVariable String caseId,
                             @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("return", caseId, params, redirect, () -> service.returnCase(staff, CaseId.of(caseId), null,
                valid(new ReasonRequest(params.getFirst("reason")))).sequence());
    }

    /** Requests more working days. */
    @PostMapping("/work/cases/{caseId}/extension-requests")
    public String extension(StaffMember staff, @PathVariable String caseId,
                            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return act("extension", caseId, params, redirect, () -> {
            String raw = params.getFirst("workingDays");
            int days;
            try {
                days = Integer.parseInt(raw == null ? "" : raw.strip());
            } catch (NumberFormatException e) {
                throw StaffForms.invalid(Map.of("workingDays", "a whole number from 1 to 60"));
            }
            ExtensionRequest request = valid(new ExtensionRequest(days, params.getFirst("reason")));
            return service.requestExtension(staff, CaseId.of(caseId), null, request).sequence();
        });
    }

    /**
     * Runs one action and redirects to the case page.
     *
     * @throws RuntimeException whatever the command throws except a 400 refusal (which goes back to the form)
     */
    private String act(String action, String caseId, MultiValueMap<String, String> params,
                       RedirectAttributes redirect, Supplier<Long> command) {
        String back = "redirect:/work/cases/" + CaseId.of(caseId).value();
        try {
            redirect.addFlashAttribute("doneSequence", command.get());
            redirect.addFlashAttribute("done", action);
            return back;
        } catch (RuntimeException e) {
            DomainException refusal = StaffForms.formRefusal(e);
            if (refusal == null) {
                throw e;
            }
            Map<String, String> input = new LinkedHashMap<>();
            params.forEach((name, values) -> {
                if (!"_csrf".equals(name)) {
                    input.put(name, String.join("\n", values));
                }
            });
            redirect.addFlashAttribute("failed", action);
            redirect.addFlashAttribute("errors", refusal.fields());
            redirect.addFlashAttribute("refusal", refusal.code().name());
            redirect.addFlashAttribute("refusalFallback", refusal.code().title());
            redirect.addFlashAttribute("input", input);
            return back + "#" + action;
        }
    }

    private NotificationRequest notification(MultiValueMap<String, String> params) {
        return valid(new NotificationRequest(
                StaffForms.enumOf(NotificationChannel.class, params.getFirst("channel"), "channel"),
                params.getFirst("text")));
    }

    private <T> T valid(T request) {
        Map<String, String> fields = StaffForms.violations(validator, request);
        if (!fields.isEmpty()) {
            throw StaffForms.invalid(fields);
        }
        return request;
    }
}
