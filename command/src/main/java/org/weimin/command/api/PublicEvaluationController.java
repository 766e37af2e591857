package org.weimin.command.api;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.command.cases.CaseCommandService;

/**
 * Public command API (no login): the applicant evaluates a completed case with the tracking number and the
 * verification code from the receipt.
 */
@RestController
public class PublicEvaluationController {
    private final CaseCommandService service;

    public PublicEvaluationController(CaseCommandService service) {
        this.service = service;
    }

    /** Evaluate (评价) the latest completion; once per completion. */
    @PostMapping("/api/public/cases/{trackingNumber}/evaluation")
    public CommandReply evaluate(@PathVariable String trackingNumber, @Valid @RequestBody EvaluationRequest request) {
        return service.evaluate(trackingNumber, request);
    }
}
