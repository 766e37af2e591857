package org.weimin.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * Strict reading of a request's query parameters, shared by the search and figures endpoints: unknown and repeated
 * parameters, and each value that does not parse, are collected as field → problem, and {@link #failIfAny} throws
 * them all at once as one 400 {@code VALIDATION_FAILED}. A typo must never silently widen a supervisor's result.
 */
public final class QueryParameters {
    private final MultiValueMap<String, String> params;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public QueryParameters(MultiValueMap<String, String> params) {
        this.params = params;
    }

    /** The raw parameters. */
    public MultiValueMap<String, String> raw() {
        return params;
    }

    /** Records a problem with a field (the first one per field wins). */
    public void error(String field, String problem) {
        errors.putIfAbsent(field, problem);
    }

    /** Every parameter must be in {@code allowed}; only those in {@code repeatable} may be given more than once. */
    public void known(Set<String> allowed, Set<String> repeatable) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                error(e.getKey(), "unknown parameter");
            } else if (e.getValue().size() > 1 && !repeatable.contains(e.getKey())) {
                error(e.getKey(), "given more than once");
            }
        }
    }

    /** The first value, stripped; null when absent or blank. */
    public String one(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(0);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent (or wrong, with the error recorded). */
    public int integer(String name, int fallback, int min, int max) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                error(name, "between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            error(name, "a whole number");
            return fallback;
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * @param what what the parameters are for, e.g. "search"
     * @throws DomainException {@code VALIDATION_FAILED} with every problem, when there is any
     */
    public void failIfAny(String what) {
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Some " + what + " parameters are invalid: "
                    + String.join(", ", errors.keySet()) + ".", Map.copyOf(errors));
        }
    }
}
