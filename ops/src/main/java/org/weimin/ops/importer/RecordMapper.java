package org.weimin.ops.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one source row into the body of {@code POST /api/import/cases}, or into a skip with its reason, through an
 * {@link ImportMapping}. Pure (the time "now" is passed in). What real exports contain is survived here:
 * <ul>
 *   <li>white space: byte-order marks, runs of newlines and tabs, ideographic and non-breaking spaces are trimmed from
 *       both ends of every value and, in one-line fields (ids, subject, names, categories), squeezed to one space;
 *       the description and result text keep their inner line breaks (free text is otherwise stored as given);</li>
 *   <li>full-width letters and digits in ids, dates and codes are read as ASCII;</li>
 *   <li>an applicant introducing themselves in the text ("我叫…", "本人叫…") gives the applicant's name (corrected), so
 *       that the service masks it wherever the text is shown; columns listed as {@code details} are appended to the
 *       description as "column: value" lines;</li>
 *   <li>a missing subject is taken from the start of the description (corrected); a missing receipt time or id, or
 *       neither subject nor description, skips the row;</li>
 *   <li>a completion time before the receipt, or a closed record without one, is recorded as completed at the receipt
 *       time (corrected: the true time is unknown); a receipt time in the future skips the row.</li>
 * </ul>
 */
public final class RecordMapper {
    private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\u3000\\u00A0\\uFEFF]+|[\\s\\u3000\\u00A0\\uFEFF]+$");
    private static final int SUBJECT_MAX = 200;
    /** Control characters other than tab and line feed (NULs and the like in exports) are dropped. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final int TEXT_MAX = 20_000;
    /** A writer introducing themselves in the text ("我叫谭燕，…"): that is the applicant's name. */
    private static final Pattern SELF_INTRODUCTION =
            Pattern.compile("(?:我叫|我名叫|本人叫|本人名叫|我的名字叫|我的名字是)([\\p{IsHan}]{2,3}?)"
                    + "(?=[，,。.！!\\s、：:;；（(]|$|家|住|电话|手机|联系|是|今年)");

    private final ImportMapping mapping;
    private final SourceDates dates;
    private final Instant now;
    private final List<Pattern> textRules = new ArrayList<>();

    public RecordMapper(ImportMapping mapping, Instant now) {
        this.mapping = mapping;
        this.now = now;
        this.dates = new SourceDates(mapping.dateFormats(), mapping.zone(), now);
        if (mapping.unitFromText() != null) {
            mapping.unitFromText().forEach(rule -> textRules.add(rule.compiled()));
        }
    }

    /**
     * The outcome for one row.
     *
     * @param body        the request body (null when skipped)
     * @param skipReason  why the row is skipped (null when imported)
     * @param corrections what was corrected, in words (empty when nothing)
     * @param fallback    whether the unit came from the mapping's fallback
     */
    public record Mapped(Map<String, Object> body, String skipReason, List<String> corrections, boolean fallback) {
        static Mapped skip(String reason) {
            return new Mapped(null, reason, List.of(), false);
        }

        public String rowId() {
            return body == null ? null : (String) body.get("rowId");
        }
    }

    public Mapped map(SourceRows.SourceRow row) {
        List<String> corrections = new ArrayList<>();
        String id = oneLine(value(row, "id"));
        if (id == null) {
            return Mapped.skip("no id");
        }
        id = SourceDates.normalise(id);
        String receivedText = value(row, "receivedAt");
        Optional<Instant> received = dates.parse(receivedText);
        if (received.isEmpty()) {
            return Mapped.skip(receivedText == null ? "no receipt time" : "unreadable receipt time '"
                    + abbreviate(receivedText) + "'");
        }
        if (received.get().isAfter(now)) {
            return Mapped.skip("receipt time " + received.get() + " is in the future");
        }
        String subject = oneLine(value(row, "subject"));
        String description = multiLine(value(row, "description"));
        if (subject == null && description == null) {
            return Mapped.skip("neither subject nor description");
        }
        if (subject == null) {
            subject = abbreviate(oneLine(description), 60);
            corrections.add("subject taken from the description");
        } else if (subject.length() > SUBJECT_MAX) {
            subject = subject.substring(0, SUBJECT_MAX);
            corrections.add("subject cut to " + SUBJECT_MAX + " characters");
        }
        if (mapping.details() != null && !mapping.details().isEmpty()) {
            StringBuilder more = new StringBuilder(description == null ? "" : description);
            for (String column : mapping.details()) {
                String detail = oneLine(row.get(column));
                if (detail != null) {
                    more.append(more.isEmpty() ? "" : "\n").append(column).append(": ").append(detail);
                }
            }
            description = more.isEmpty() ? null : more.toString();
        }
        if (description != null && description.length() > TEXT_MAX) {
            description = description.substring(0, TEXT_MAX);
            corrections.add("description cut to " + TEXT_MAX + " characters");
        }
        String applicantName = oneLine(value(row, "applicantName"));
        if (applicantName == null && description != null) {
            var introduction = SELF_INTRODUCTION.matcher(description);
            if (introduction.find()) {
                applicantName = introduction.group(1);
                corrections.add("applicant's name taken from the text (it is masked wherever the text is shown)");
            }
        }
        String resultText = multiLine(value(row, "resultText"));
        if (resultText != null && resultText.length() > TEXT_MAX) {
            resultText = resultText.substring(0, TEXT_MAX);
            corrections.add("result text cut to " + TEXT_MAX + " characters");
        }
        String completedText = value(row, "completedAt");
        Optional<Instant> completed = dates.parse(completedText);
        if (completed.isEmpty() && completedText != null && !completedText.isBlank()) {
            corrections.add("unreadable completion time '" + abbreviate(completedText) + "'");
        }
        boolean closed = isClosed(row, completed.isPresent(), resultText != null);
        Instant completedAt = null;
        if (closed) {
            completedAt = completed.orElse(null);
            if (completedAt == null) {
                corrections.add("closed without a completion time: completed at the receipt time");
                completedAt = received.get();
            } else if (completedAt.isBefore(received.get())) {
                corrections.add("completion " + completedAt + " before receipt " + received.get()
                        + ": completed at the receipt time");
                completedAt = received.get();
            } else if (completedAt.isAfter(now)) {
                corrections.add("completion time in the future: completed now");
                completedAt = now;
            }
        }

        String serviceItem = mapping.serviceItem();
        String unit = null;
        String category = oneLine(value(row, "category"));
        if (category != null && mapping.categories() != null) {
            ImportMapping.Target target = mapping.categories().get(category);
            if (target != null) {
                unit = target.unit();
                serviceItem = target.serviceItem() != null ? target.serviceItem() : serviceItem;
            }
        }
        String department = oneLine(value(row, "department"));
        if (unit == null && department != null && mapping.departments() != null) {
            unit = mapping.departments().get(department);
        }
        if (unit == null && resultText != null) {
            for (int i = 0; i < textRules.size() && unit == null; i++) {
                if (textRules.get(i).matcher(resultText).find()) {
                    unit = mapping.unitFromText().get(i).unit();
                }
            }
        }
        boolean fallback = false;
        if (unit == null && mapping.fallbackUnit() != null) {
            unit = mapping.fallbackUnit();
            fallback = true;
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", mapping.source());
        body.put("rowId", id);
        body.put("receivedAt", received.get().toString());
        body.put("window", mapping.window());
        body.put("serviceItem", serviceItem);
        body.put("channel", channel(row));
        body.put("applicantName", applicantName);
        body.put("subject", subject);
        body.put("description", description);
        if (unit != null) {
            body.put("forwardTo", unit);
            body.put("forwardReason", "导入：原记录的承办单位" + (fallback ? "（未能识别，按映射的默认单位）" : ""));
        }
        if (completedAt != null) {
            body.put("completedAt", completedAt.toString());
            body.put("result", mapping.resultType() == null ? "RESOLVED" : mapping.resultType());
            body.put("resultText", resultText);
        }
        return new Mapped(body, null, List.copyOf(corrections), fallback);
    }

    private boolean isClosed(SourceRows.SourceRow row, boolean hasCompletion, boolean hasResult) {
        String status = oneLine(value(row, "status"));
        if (mapping.column("status") != null && mapping.closedStatuses() != null) {
            return status != null && mapping.closedStatuses().stream()
                    .anyMatch(s -> s.equalsIgnoreCase(status));
        }
        return hasCompletion || hasResult;
    }

    private String channel(SourceRows.SourceRow row) {
        String value = oneLine(value(row, "channel"));
        if (value != null && mapping.channels() != null) {
            String mapped = mapping.channels().get(value);
            if (mapped == null) {
                mapped = mapping.channels().get(value.toUpperCase(Locale.ROOT));
            }
            if (mapped != null) {
                return mapped;
            }
        }
        return mapping.channel() == null ? "ONLINE" : mapping.channel();
    }

    private String value(SourceRows.SourceRow row, String field) {
        String column = mapping.column(field);
        return column == null ? null : row.get(column);
    }

    /** Trimmed at both ends (all kinds of white space), inner runs squeezed to one space; null when empty. */
    static String oneLine(String raw) {
        if (raw == null) {
            return null;
        }
        String s = CONTROL.matcher(raw).replaceAll("").replaceAll("[\\s\\u3000\\u00A0\\uFEFF]+", " ").strip();
        return s.isEmpty() ? null : s;
    }

    /**
     * Trimmed at both ends; each line trimmed and runs of empty lines squeezed to one line break, so that the
     * indentation and blank-line padding of exported bodies disappears while paragraphs stay; null when empty.
     */
    static String multiLine(String raw) {
        if (raw == null) {
            return null;
        }
        String s = EDGE_SPACE.matcher(CONTROL.matcher(raw.replace("\r\n", "\n").replace('\r', '\n'))
                .replaceAll("")).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n")) {
            String trimmed = EDGE_SPACE.matcher(line).replaceAll("");
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(trimmed);
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String abbreviate(String s) {
        return abbreviate(s, 40);
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
