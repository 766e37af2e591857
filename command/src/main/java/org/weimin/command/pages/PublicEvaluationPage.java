package org.weimin.command.pages;

import jakarta.validation.Validator;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.weimin.command.api.EvaluationRequest;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.cases.Grade;

/**
 * The evaluation form of the public case page (issue 10; no login, CSRF token required): {@code POST
 * /track/evaluation} with form fields {@code number}, {@code code}, {@code grade} (a {@link Grade} name) and
 * {@code comment}. It runs exactly the API's command ({@code POST /api/public/cases/{tn}/evaluation}: the same
 * {@link EvaluationRequest} constraints, {@link CaseCommandService#evaluate}, the same lockout and rate limits) and
 * shows a thank-you page.
 *
 * @see org.weimin.command.api.PublicEvaluationController
 */
@Controller
public class PublicEvaluationPage {
    private final CaseCommandService service;
    private final Validator validator;

    public PublicEvaluationPage(CaseCommandService service, Validator validator) {
        this.service = service;
        this.validator = validator;
    }

    /**
     * Evaluates the latest completion.
     *
     * @throws DomainException {@code VALIDATION_FAILED} (no or unknown grade, comment over 1000 characters, no
     *                         code), and whatever {@link CaseCommandService#evaluate} throws
     *                         ({@code WRONG_VERIFICATION_CODE}, {@code CASE_NOT_COMPLETED}, {@code ALREADY_EVALUATED},
     *                         {@code VERIFICATION_LOCKED}, ...)
     */
    @PostMapping("/track/evaluation")
    public String evaluate(@RequestParam(name = "number", required = false) String number,
                           @RequestParam(name = "code", required = false) String code,
                           @RequestParam(name = "grade", required = false) String grade,
                           @RequestParam(name = "comment", required = false) String comment, Model model) {
        EvaluationRequest request = new EvaluationRequest(code, grade(grade),
                comment == null || comment.isBlank() ? null : comment);
        Map<String, String> fields = StaffForms.violations(validator, request);
        if (!fields.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The evaluation form has invalid fields.", fields);
        }
        service.evaluate(number == null ? "" : number, request);
        model.addAttribute("number", number);
        model.addAttribute("code", code);
        model.addAttribute("grade", request.grade().name());
        return "track/evaluated";
    }

    private static Grade grade(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Grade.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "No such grade.", Map.of("grade", "unknown"));
        }
    }
}
