package org.weimin.command.importing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.ResultType;

/**
 * Body of {@code POST /api/import/cases}: one historical record, already mapped by the importer onto our units and
 * service items. Times are instants (the importer converts the source's local times with the source's time zone).
 *
 * @param source        the source's name, e.g. {@code teddy2020c-att4}; with {@code rowId} the idempotency key
 * @param rowId         the record's id within the source
 * @param window        the receiving window (a window unit; closed windows are accepted for history)
 * @param applicantName the applicant's name where the source has one, else null ("not recorded" is stored)
 * @param forwardTo     the unit that handled the case, when it is not the receiving centre
 * @param forwardedAt   when it was forwarded; defaults to the receipt time
 * @param completedAt   when it was completed; null for a record still open (then {@code result} is ignored)
 */
public record ImportCaseRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String source,
        @NotBlank @Size(max = 200) String rowId,
        @NotNull Instant receivedAt,
        @NotBlank @Size(max = 64) String window,
        @NotBlank @Size(max = 64) String serviceItem,
        @NotNull Channel channel,
        @Size(max = 100) String applicantName,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 20000) String description,
        @Size(max = 64) String forwardTo,
        Instant forwardedAt,
        @Size(max = 500) String forwardReason,
        ResultType result,
        @Size(max = 20000) String resultText,
        Instant completedAt) {
}
