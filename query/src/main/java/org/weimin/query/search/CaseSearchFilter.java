package org.weimin.query.search;

import java.time.LocalDate;
import java.util.List;

/**
 * What a supervisor search asks for: every field optional, all given fields must hold (AND); list fields match any
 * of their values (OR). Dates are calendar days in Asia/Shanghai, both ends inclusive.
 *
 * @param text          free text: any substring of subject, description, notice or result texts (letters and
 *                      digits; punctuation and spacing ignored)
 * @param applicantName an applicant's exact name (matched through its keyed hash, never stored in clear)
 * @param unit          an org unit: cases received at, or ever held by, it or any unit below it
 * @param holder        an org unit: cases held now by it or any unit below it
 * @param scope         set by the server, not the caller: the caller's own subtree (null for auditors)
 */
public record CaseSearchFilter(
        String text,
        String applicantName,
        String trackingNumber,
        String unit,
        String holder,
        String window,
        String officer,
        List<String> serviceItems,
        List<String> channels,
        List<String> statuses,
        List<String> grades,
        Boolean open,
        Boolean overdue,
        Boolean warned,
        Boolean paused,
        Boolean breach,
        Boolean provisional,
        LocalDate receivedFrom,
        LocalDate receivedTo,
        LocalDate completedFrom,
        LocalDate completedTo,
        String scope) {

    /** No filter at all. */
    public static CaseSearchFilter none() {
        return new CaseSearchFilter(null, null, null, null, null, null, null, List.of(), List.of(), List.of(),
                List.of(), null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same filter limited to a subtree (the caller's unit). */
    public CaseSearchFilter withScope(String unit) {
        return new CaseSearchFilter(text, applicantName, trackingNumber, this.unit, holder, window, officer,
                serviceItems, channels, statuses, grades, open, overdue, warned, paused, breach, provisional,
                receivedFrom, receivedTo, completedFrom, completedTo, unit);
    }

    /** The same filter with a normalised tracking number. */
    public CaseSearchFilter withTrackingNumber(String normalised) {
        return new CaseSearchFilter(text, applicantName, normalised, unit, holder, window, officer, serviceItems,
                channels, statuses, grades, open, overdue, warned, paused, breach, provisional, receivedFrom,
                receivedTo, completedFrom, completedTo, scope);
    }
}
