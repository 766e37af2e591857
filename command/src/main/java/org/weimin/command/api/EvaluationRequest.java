package org.weimin.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.weimin.events.cases.Grade;

/** Body of {@code POST /api/public/cases/{trackingNumber}/evaluation}: the code from the receipt, a grade, a comment. */
public record EvaluationRequest(
        @NotBlank @Size(max = 32) String verificationCode,
        @NotNull Grade grade,
        @Size(max = 1000) String comment) {
}
