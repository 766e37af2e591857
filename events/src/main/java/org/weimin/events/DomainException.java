package org.weimin.events;

import java.util.Map;
import java.util.Objects;

/**
 * A rejected command or request: the business rule it broke, as a stable {@link ErrorCode}, and a message that says
 * how to fix it. A rejection changes nothing. The API maps it once to an RFC 9457 problem detail.
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> fields;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /**
     * @param fields field name → what is wrong with it, for {@link ErrorCode#VALIDATION_FAILED} and similar
     */
    public DomainException(ErrorCode code, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.fields = Map.copyOf(fields);
    }

    public ErrorCode code() {
        return code;
    }

    /** Field name → what is wrong with it; empty when the error is not about particular fields. */
    public Map<String, String> fields() {
        return fields;
    }
}
