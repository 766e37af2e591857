package org.weimin.ops.importer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How one export format maps onto cases (issue 6): a YAML file, so that a new format needs a mapping and no code.
 * Shipped mappings live in {@code ops/src/main/resources/import/} and are named by file name without {@code .yml}.
 *
 * @param source         the source name recorded with every case ({@code [A-Za-z0-9._-]}); with the row id the
 *                       idempotency key, so one name per file whose ids are unique only within it
 * @param sheet          for XLSX, the 0-based sheet index
 * @param timeZone       the zone of the source's local times, e.g. {@code Asia/Shanghai}, {@code America/New_York}
 * @param columns        our field → the source column's header: {@code id} (required), {@code receivedAt}
 *                       (required), {@code subject}, {@code description}, {@code applicantName}, {@code category},
 *                       {@code department}, {@code status}, {@code channel}, {@code resultText}, {@code completedAt}
 * @param dateFormats    {@link java.time.format.DateTimeFormatter} patterns tried in order (a date alone means 00:00);
 *                       Excel serial dates and full-width digits are always understood; two-digit years are read as
 *                       2000–2099 unless that would lie in the future, then 1900–1999
 * @param window         the receiving window every record is received at
 * @param channel        the channel when no channel column (or an unmapped value): WINDOW, PHONE, ONLINE, HOTLINE
 * @param channels       source channel value → our channel
 * @param serviceItem    the service item when the category does not name one
 * @param categories     source category → where it goes ({@code unit} and/or {@code serviceItem})
 * @param departments    source department or agency → our unit
 * @param unitFromText   when no category or department decides: the first rule whose pattern is found in the result
 *                       text (the unit signing a reply) names the unit
 * @param fallbackUnit   the unit when nothing decides (every use is reported); null keeps the case at the receiving
 *                       centre
 * @param closedStatuses values of the status column meaning "closed"; without a status column a record is closed
 *                       when it has a completion time or a result text
 * @param resultType     the result type of completions: RESOLVED (default), EXPLAINED, GRANTED, REFUSED
 * @param details        further columns appended to the description as "column: value" lines (e.g. an incident
 *                       address), so that two records differing only there are not taken for the same content
 * @param description    what the source is, in words
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ImportMapping(
        String source,
        Integer sheet,
        String timeZone,
        Map<String, String> columns,
        List<String> dateFormats,
        String window,
        String channel,
        Map<String, String> channels,
        String serviceItem,
        Map<String, Target> categories,
        Map<String, String> departments,
        List<TextRule> unitFromText,
        String fallbackUnit,
        List<String> closedStatuses,
        String resultType,
        List<String> details,
        String description) {

    /** Where a category goes. */
    public record Target(String unit, String serviceItem) {
    }

    /** A pattern (Java regex) found in the result text names a unit. */
    public record TextRule(String pattern, String unit) {
        Pattern compiled() {
            return Pattern.compile(pattern);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The fields a mapping may name in {@code columns}. */
    public static final List<String> FIELDS = List.of("id", "receivedAt", "subject", "description", "applicantName",
            "category", "department", "status", "channel", "resultText", "completedAt");

    /**
     * Loads a mapping: a path to a YAML file, or the name of a shipped one.
     *
     * @throws IllegalArgumentException when it cannot be found, read or is invalid (message says what)
     */
    public static ImportMapping load(String nameOrPath) {
        try {
            Path path = Path.of(nameOrPath);
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return YAML.readValue(in, ImportMapping.class).validated();
                }
            }
            try (InputStream in = ImportMapping.class.getResourceAsStream("/import/" + nameOrPath + ".yml")) {
                if (in == null) {
                    throw new IllegalArgumentException("no mapping file " + nameOrPath + " and no shipped mapping of "
                            + "that name (shipped: teddy2020c-att4, teddy2020c-att2, nyc311)");
                }
                return YAML.readValue(in, ImportMapping.class).validated();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read mapping " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the first problem */
    ImportMapping validated() {
        require(source != null && source.matches("[A-Za-z0-9._-]{1,100}"), "source must be 1-100 of A-Z a-z 0-9 . _ -");
        require(columns != null && columns.containsKey("id") && columns.containsKey("receivedAt"),
                "columns must name at least id and receivedAt");
        for (String field : columns.keySet()) {
            require(FIELDS.contains(field), "unknown field in columns: " + field + " (known: " + FIELDS + ")");
        }
        require(window != null && !window.isBlank(), "window is required");
        require(serviceItem != null || categories != null, "serviceItem (or categories naming items) is required");
        try {
            zone();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone: " + e.getMessage());
        }
        if (unitFromText != null) {
            unitFromText.forEach(TextRule::compiled);
        }
        if (dateFormats != null) {
            dateFormats.forEach(java.time.format.DateTimeFormatter::ofPattern);
        }
        return this;
    }

    ZoneId zone() {
        return ZoneId.of(timeZone == null ? "Asia/Shanghai" : timeZone);
    }

    String column(String field) {
        return columns.get(field);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("mapping: " + message);
        }
    }
}
