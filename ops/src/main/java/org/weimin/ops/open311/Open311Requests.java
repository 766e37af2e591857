package org.weimin.ops.open311;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weimin.query.cases.PublicCaseView;
import org.weimin.query.cases.PublicCaseView.PublicStep;

/**
 * A case as a GeoReport v2 service request, from the public view only (issue 9 "Mapping"):
 * <ul>
 *   <li>{@code service_request_id}: the tracking number; {@code service_code}/{@code service_name}: the service item;</li>
 *   <li>{@code status}: {@code closed} once completed (evaluated or not), else {@code open}; the detailed status in
 *       words in {@code status_notes} (and, with {@code extensions=true}, as {@code extended_attributes});</li>
 *   <li>{@code agency_responsible}: the name of the unit holding the case now;</li>
 *   <li>{@code service_notice}: while the clock is paused for materials, "materials requested, N items awaited" with N
 *       the number of items the latest notice lists (never the items themselves: those need the verification code);</li>
 *   <li>{@code requested_datetime}: receipt; {@code updated_datetime}: completion for a closed request, else the
 *       latest step; {@code expected_datetime}: the committed deadline in force (absent while paused; a provisional
 *       one is flagged {@code deadline_provisional} in {@code extended_attributes});</li>
 *   <li>{@code notes[]}: the public timeline, one note per step ({@code opened} for the receipt, {@code closed} for a
 *       completion, else {@code activity}).</li>
 * </ul>
 * Never present: {@code description} (the applicant's own text), any personal data (name, contact, address),
 * {@code lat}/{@code long}, staff names. Datetimes are UTC with a {@code Z} and whole seconds.
 */
public final class Open311Requests {
    /** Words for each public step kind in notes. */
    private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("RECEIVED", "受理 received"),
            Map.entry("FORWARDED", "转办 forwarded"), Map.entry("ACCEPTED", "签收 accepted"),
            Map.entry("DEEMED_ACCEPTED", "视为签收 deemed accepted"), Map.entry("RETURNED", "退回 returned"),
            Map.entry("NOTICE_SENT", "一次性告知 materials requested"),
            Map.entry("SUPPLEMENTED", "补正 materials supplied"),
            Map.entry("PROGRESS_NOTIFIED", "告知办理进度 applicant informed of progress"),
            Map.entry("RESULT_NOTIFIED", "告知办理结果 applicant informed of the result"),
            Map.entry("COMPLETED", "办结 completed"), Map.entry("EVALUATED", "评价 evaluated"),
            Map.entry("REGRADED", "再评价 evaluated again"), Map.entry("REOPENED", "重办 reopened"),
            Map.entry("EXTENDED", "延期 time limit extended"),
            Map.entry("DEADLINE_REVISED", "时限重算 deadline recounted"));

    private Open311Requests() {
    }

    /** The spec's service notice while materials are awaited. */
    public static String materialsNotice(int items) {
        return "materials requested, " + items + " items awaited";
    }

    /** ISO 8601 in UTC, whole seconds, with {@code Z}; null for null. */
    static String datetime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static boolean closed(PublicCaseView view) {
        return "COMPLETED".equals(view.status()) || "EVALUATED".equals(view.status());
    }

    /** The request for one public view; {@code extensions}: with {@code extended_attributes}. */
    public static Map<String, Object> request(PublicCaseView view, boolean extensions) {
        boolean closed = closed(view);
        List<PublicStep> steps = view.steps();
        Instant latest = steps.isEmpty() ? view.receivedAt() : steps.get(steps.size() - 1).at();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", view.trackingNumber());
        request.put("status", closed ? "closed" : "open");
        request.put("status_notes", statusNotes(view));
        request.put("service_name", view.serviceItem().name());
        request.put("service_code", view.serviceItem().code());
        request.put("agency_responsible", view.currentUnit().name());
        if (view.paused()) {
            request.put("service_notice", materialsNotice(latestNoticeItems(steps)));
        }
        request.put("requested_datetime", datetime(view.receivedAt()));
        request.put("updated_datetime", datetime(closed && view.completedAt() != null ? view.completedAt() : latest));
        if (view.deadline() != null) {
            request.put("expected_datetime", datetime(view.deadline()));
        }
        request.put("notes", steps.stream().map(Open311Requests::note).toList());
        if (extensions) {
            Map<String, Object> extended = new LinkedHashMap<>();
            extended.put("detailed_status", view.status());
            extended.put("agency_responsible_code", view.currentUnit().code());
            extended.put("paused", view.paused());
            if (view.remainingWorkingDays() != null) {
                extended.put("remaining_working_days", view.remainingWorkingDays());
            }
            extended.put("deadline_provisional", view.deadlineProvisional());
            if (view.resultType() != null) {
                extended.put("result_type", view.resultType());
            }
            request.put("extended_attributes", extended);
        }
        return request;
    }

    private static int latestNoticeItems(List<PublicStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if ("NOTICE_SENT".equals(steps.get(i).kind()) && steps.get(i).detail() != null) {
                return Integer.parseInt(steps.get(i).detail());
            }
        }
        return 0;
    }

    /** The detailed status in words (Chinese, then English). */
    static String statusNotes(PublicCaseView view) {
        return switch (view.status()) {
            case "AWAITING_ACCEPTANCE" -> "转办待签收 forwarded, awaiting acceptance by " + view.currentUnit().name();
            case "PAUSED" -> "暂停计时，等待补正材料 paused for materials, " + view.remainingWorkingDays()
                    + " working days remaining";
            case "COMPLETED" -> "已办结 completed" + (view.resultType() == null ? "" : ": " + view.resultType());
            case "EVALUATED" -> "已办结并评价 completed and evaluated"
                    + (view.resultType() == null ? "" : ": " + view.resultType());
            default -> "办理中 in progress at " + view.currentUnit().name()
                    + (view.deadlineProvisional() ? " (provisional deadline)" : "");
        };
    }

    private static Map<String, Object> note(PublicStep step) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("datetime", datetime(step.at()));
        String words = KINDS.getOrDefault(step.kind(), step.kind());
        String unit = step.unit() == null ? "" : " — " + step.unit().name();
        String detail = step.detail() == null ? "" : switch (step.kind()) {
            case "NOTICE_SENT" -> ": " + step.detail() + " items";
            case "EXTENDED" -> ": " + step.detail() + " working days";
            default -> ": " + step.detail();
        };
        note.put("summary", words + detail + unit);
        note.put("type", "RECEIVED".equals(step.kind()) ? "opened" : "COMPLETED".equals(step.kind()) ? "closed"
                : "activity");
        note.put("status", step.kind());
        return note;
    }
}
