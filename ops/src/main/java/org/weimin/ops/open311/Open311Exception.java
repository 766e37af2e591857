package org.weimin.ops.open311;

/**
 * A refusal in GeoReport v2's own error format ({@link Open311Errors}): HTTP 400, 403 or 404 with a list of
 * {@code {code, description}}. {@code code} is a stable name (an {@code ErrorCode} name or {@code UNKNOWN_SERVICE},
 * {@code UNKNOWN_FORMAT}), more specific than the HTTP status as the spec allows.
 */
public class Open311Exception extends RuntimeException {
    private final int status;
    private final String code;

    public Open311Exception(int status, String code, String description) {
        super(description);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
