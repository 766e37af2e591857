package org.weimin.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.weimin.events.privacy.IdDocumentType;

/**
 * The applicant as staff type them in. {@code idType} and {@code idNumber} go together; phone may be a mobile or a
 * landline number. All of it is sealed under the applicant's data key before it enters a command.
 */
public record ApplicantInput(
        @NotBlank @Size(max = 50) String name,
        IdDocumentType idType,
        @Size(max = 40) String idNumber,
        @Size(max = 30) String phone,
        @Size(max = 200) String address) {
}
