package org.weimin.command.privacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.weimin.events.privacy.IdDocumentType;

/** Bodies and replies of the personal-data endpoints (issue 7). */
public final class PersonalDataRequests {
    private PersonalDataRequests() {
    }

    /**
     * {@code POST /api/cases/{id}/personal-data/views}: why the caller needs the unmasked data. Kept in clear in the
     * record, so it must not contain personal data itself (400 {@code PERSONAL_DATA_IN_TEXT}).
     */
    public record ViewRequest(@NotBlank @Size(min = 4, max = 200) String reason) {
    }

    /**
     * The applicant's personal data unmasked, handed out after the view was recorded.
     *
     * @param idType   the ID document's type, or null when none was given
     * @param idNumber the normalised ID document number, or null
     * @param sequence the sequence of the recorded {@code PersonalDataViewed} event
     */
    public record UnmaskedApplicant(String caseId, String trackingNumber, String name, String idType,
                                    String idNumber, String phone, String address, Instant viewedAt, long sequence) {
        /** Never prints the values. */
        @Override
        public String toString() {
            return "UnmaskedApplicant[" + caseId + "]";
        }
    }

    /**
     * {@code POST /api/admin/applicants/erasure}: the applicant, identified by exactly one of a case of theirs, their
     * ID document (type and number), or their applicant key id; and the legal basis (kept in clear, so without
     * personal data).
     */
    public record ErasureRequest(@Size(max = 64) String caseId, IdDocumentType idType, @Size(max = 64) String idNumber,
                                 @Size(max = 100) String applicantKeyId, @NotBlank @Size(min = 4, max = 500) String basis) {
        /** Never prints the ID number. */
        @Override
        public String toString() {
            return "ErasureRequest[caseId=" + caseId + ", applicantKeyId=" + applicantKeyId + "]";
        }
    }

    /**
     * What an erasure did.
     *
     * @param outcome {@code ERASED} when this request recorded the erasure on at least one case; {@code ALREADY_ERASED}
     *                when every case recorded it before (a repeat: nothing changed)
     * @param applicantKeyIds the applicant's data keys (keyed hashes or case ids: nothing personal), oldest first
     * @param cases           every case of the applicant, each with whether this request recorded the erasure on it
     */
    public record ErasureReply(List<String> applicantKeyIds, String outcome, Instant erasedAt,
                               List<ErasedCase> cases) {
    }

    /** One case of an erased applicant. */
    public record ErasedCase(String caseId, String trackingNumber, boolean recordedNow, long sequence) {
    }
}
