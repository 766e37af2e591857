package org.weimin.query.cases;

/**
 * What the applicant sees with tracking number and verification code (rules.md "What the public sees"): everything
 * public, plus the masked name, the result text, and whether the evaluation form is open.
 *
 * @param canEvaluate true when the latest completion awaits the applicant's evaluation
 */
public record PublicCaseDetails(
        PublicCaseView summary,
        String applicantNameMasked,
        String resultText,
        String grade,
        boolean canEvaluate) {
}
