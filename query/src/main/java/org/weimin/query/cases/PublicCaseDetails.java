package org.weimin.query.cases;

import java.time.Instant;
import java.util.List;

/**
 * What the applicant sees with tracking number and verification code (rules.md "What the public sees"): everything
 * public, plus the masked name, the contents of every notice (the items asked for), the result text, what the
 * applicant was told and when, and whether the evaluation form is open.
 *
 * @param canEvaluate true when the latest completion awaits the applicant's evaluation
 */
public record PublicCaseDetails(
        PublicCaseView summary,
        String applicantNameMasked,
        List<NoticeContents> notices,
        List<Told> told,
        String resultText,
        String grade,
        boolean canEvaluate) {

    /** A missing-materials notice as the applicant received it: its number, date and the items asked for. */
    public record NoticeContents(int number, Instant sentAt, List<String> items) {
    }

    /** Something the applicant was told: PROGRESS or RESULT, through which channel, when, and the text. */
    public record Told(String kind, String channel, Instant at, String text) {
    }
}
