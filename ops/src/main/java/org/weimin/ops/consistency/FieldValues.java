package org.weimin.ops.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.weimin.events.privacy.KeyedHasher;

/**
 * Renders a field's value for a {@link Mismatch} without personal data in clear (rules.md "Personal data"): fields
 * that hold no personal data (status, units, times, counts, flags, sequence numbers, unit paths) are shown as they
 * are; every other field (applicant data even when masked, free text, lists of steps and notices) only as its shape
 * and a short keyed fingerprint ({@link KeyedHasher}, purpose {@value #PURPOSE}), e.g. {@code text of 12 chars
 * #3fa9c1d2}: two renderings with the same fingerprint are the same value, and nobody without the server's key can
 * test a guess against it.
 */
final class FieldValues {
    static final String PURPOSE = "consistency-fingerprint";

    /** Fields of the case document (CaseView) shown as they are. */
    private static final Set<String> READ_MODEL_PLAIN = Set.of("_id", "trackingNumber", "lastSequence", "status",
            "serviceItem", "channel", "window", "holder", "firstContactOfficer", "receivedAt", "recordedAt",
            "limitWorkingDays", "deadline", "deadlineProvisional", "calendarRevision", "completions", "result",
            "completingUnit", "onTime", "completedAt", "grade", "evaluatedAt", "awaitingAcceptance", "forwardedFrom",
            "returnWindowClosesAt", "paused", "remainingWorkingDays", "round", "warned", "overdue", "applicantIdType");

    /** Fields of the search document (CaseSearchDocument) shown as they are. */
    private static final Set<String> SEARCH_PLAIN = Set.of("caseId", "trackingNumber", "lastSequence", "status",
            "open", "serviceItem", "channel", "window", "windowPath", "officer", "holder", "holderPath",
            "involvedPath", "awaitingAcceptance", "receivedAt", "deadline", "deadlineProvisional", "warned", "overdue",
            "paused", "overdueAt", "overdueHolder", "overdueHolderPath", "completedAt", "completingUnit",
            "completingUnitPath", "completingStaff", "result", "onTime", "workingDaysNet", "workingDaysGross", "grade",
            "gradeGood", "gradedAt", "rectifications", "rectified", "breaches", "breachesUnjustified", "notices",
            "supervisionOrders");

    private final KeyedHasher hasher;

    FieldValues(KeyedHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * @param store {@link Mismatch#READ_MODEL} (values as the MongoDB driver reads them) or
     *              {@link Mismatch#SEARCH_INDEX} (Jackson nodes)
     * @param value null when the field is absent
     */
    String render(String store, String field, Object value) {
        if (value == null || value instanceof JsonNode node && node.isMissingNode()) {
            return "absent";
        }
        boolean plain = (Mismatch.READ_MODEL.equals(store) ? READ_MODEL_PLAIN : SEARCH_PLAIN).contains(field);
        if (plain) {
            if (value instanceof Date date) {
                return date.toInstant().toString();
            }
            if (value instanceof JsonNode node && node.isTextual()) {
                return node.asText();
            }
            return String.valueOf(value);
        }
        String shape;
        if (value instanceof Collection<?> list) {
            shape = list.size() + " items";
        } else if (value instanceof JsonNode node && node.isArray()) {
            shape = node.size() + " items";
        } else if (value instanceof Map<?, ?> || value instanceof JsonNode node && node.isObject()) {
            shape = "object";
        } else if (value instanceof JsonNode node && node.isTextual()) {
            shape = "text of " + node.asText().length() + " chars";
        } else if (value instanceof String text) {
            shape = "text of " + text.length() + " chars";
        } else {
            shape = "value";
        }
        String text = value instanceof JsonNode node && node.isTextual() ? node.asText() : String.valueOf(value);
        return shape + " #" + hasher.hash(PURPOSE, text).substring(0, 8);
    }
}
