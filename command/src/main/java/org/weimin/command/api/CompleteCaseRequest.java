package org.weimin.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.weimin.events.cases.ResultType;

/** Body of {@code POST /api/cases/{id}/completion}: the result and its text (for a refusal, the reasons). */
public record CompleteCaseRequest(
        @NotNull ResultType result,
        @NotBlank @Size(max = 5000) String resultText) {
}
