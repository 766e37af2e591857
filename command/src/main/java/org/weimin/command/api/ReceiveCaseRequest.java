package org.weimin.command.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.weimin.events.cases.Channel;

/**
 * Body of {@code POST /api/cases}: receive a case at a window. Identifiers of the applicant are normalised and
 * validated by type (rules.md "Personal data"); free text is stored as given (sealed).
 *
 * @param window      the receiving window's unit id (a window of the staff member's own centre)
 * @param serviceItem the service item code
 */
public record ReceiveCaseRequest(
        @NotBlank @Size(max = 64) String window,
        @NotBlank @Size(max = 64) String serviceItem,
        @NotNull Channel channel,
        @NotNull @Valid ApplicantInput applicant,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 5000) String description) {
}
