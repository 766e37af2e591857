package org.weimin.projections.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One case in the supervisor search index (mapping {@code search/cases-mapping.json}); the document id is the case id
 * and its external version is {@link #lastSequence()}, so an older fold can never overwrite a newer one.
 *
 * <p>Instants are ISO-8601 strings in UTC ({@code 2026-03-02T01:30:00Z}); calendar-day filters convert Asia/Shanghai
 * days to instants. Unit fields come in pairs: the unit itself and its {@code ...Path} (the unit and every ancestor),
 * which is what subtree filters and roll-ups match on.
 *
 * <p>Personal data (rules.md "Personal data") never enters in clear: the applicant's name only masked and as a keyed
 * hash ({@link #applicantNameHash()}, exact-name search); free text with phone and ID patterns and the applicant's
 * name masked. The {@code ...Chars} fields hold the same masked text split into single letters and digits (see
 * {@link SearchText}), which is what makes any substring findable.
 *
 * @param workingDaysNet   working days from receipt to the last completion, net of paused days (rules.md "Figures")
 * @param workingDaysGross the same without deducting paused days
 * @param overdueAt        when the case first became overdue; {@code overdueHolder} held it then
 * @param gradedAt         when the grade in force was given (a regrade replaces the grade and its time)
 * @param breaches         one-time-notice breaches; {@code breachesUnjustified} those no supervisor justified
 * @param rectified        rectifications that reached the RECTIFIED step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseSearchDocument(
        String caseId,
        String trackingNumber,
        long lastSequence,
        String status,
        boolean open,
        String serviceItem,
        String channel,
        String window,
        List<String> windowPath,
        String officer,
        String holder,
        List<String> holderPath,
        List<String> involvedPath,
        boolean awaitingAcceptance,
        String receivedAt,
        String deadline,
        boolean deadlineProvisional,
        boolean warned,
        boolean overdue,
        boolean paused,
        String overdueAt,
        String overdueHolder,
        List<String> overdueHolderPath,
        String completedAt,
        String completingUnit,
        List<String> completingUnitPath,
        String completingStaff,
        String result,
        Boolean onTime,
        Integer workingDaysNet,
        Integer workingDaysGross,
        String grade,
        Boolean gradeGood,
        String gradedAt,
        int rectifications,
        int rectified,
        int breaches,
        int breachesUnjustified,
        int notices,
        int supervisionOrders,
        String applicantNameMasked,
        String applicantNameHash,
        String subject,
        String description,
        List<String> noticeTexts,
        List<String> resultTexts,
        String subjectChars,
        String descriptionChars,
        List<String> noticeChars,
        List<String> resultChars,
        String updatedAt) {
}
