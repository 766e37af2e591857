package org.weimin.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.weimin.events.cases.NotificationChannel;

/** Bodies of the staff command endpoints under {@code /api/cases/{id}/...}. */
public final class StaffRequests {
    private StaffRequests() {
    }

    /** {@code POST .../forward}: the target unit and why. */
    public record ForwardRequest(@NotBlank @Size(max = 64) String targetUnit, @NotBlank @Size(max = 1000) String reason) {
    }

    /** A reason alone: return, reopen, breach justification. */
    public record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    /**
     * {@code POST .../missing-materials-notices}: material codes of the case's service item and free-text items; at
     * least one of either. The first notice must list everything missing.
     */
    public record NoticeRequest(@Size(max = 50) List<@NotBlank @Size(max = 64) String> materials,
                                @Size(max = 50) List<@NotBlank @Size(max = 200) String> otherItems,
                                @NotNull NotificationChannel channel) {
    }

    /** {@code POST .../supplement}: what the applicant supplied (codes and free text; may be empty). */
    public record SupplementRequest(@Size(max = 50) List<@NotBlank @Size(max = 64) String> materials,
                                    @Size(max = 50) List<@NotBlank @Size(max = 200) String> otherItems) {
    }

    /** {@code POST .../extension-requests}: how many working days more (1–60), and why. */
    public record ExtensionRequest(@jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(60)
                                   int workingDays, @NotBlank @Size(max = 1000) String reason) {
    }

    /** {@code POST .../supervision-orders}: the order's text and the date by which the holder must respond. */
    public record SupervisionOrderRequest(@NotBlank @Size(max = 2000) String text,
                                          @NotNull java.time.LocalDate dueDate) {
    }

    /** A text alone: an answer to a supervision order, an urge, a rectification step. */
    public record TextRequest(@NotBlank @Size(max = 2000) String text) {
    }

    /** {@code POST .../findings}: against which unit (and optionally which of its staff), and why. */
    public record FindingRequest(@NotBlank @Size(max = 64) String againstUnit, @Size(max = 64) String againstStaff,
                                 @NotBlank @Size(max = 2000) String reason) {
    }

    /** {@code POST .../progress-notices} and {@code .../result-notices}: what the applicant was told, and how. */
    public record NotificationRequest(@NotNull NotificationChannel channel, @NotBlank @Size(max = 2000) String text) {
    }
}
