package org.weimin.command.pages;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.TreeMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * What the web forms of the command side (issue 10: the staff workbench, the public evaluation) share: the API's bean-validation constraints as a field → message map,
 * and telling a refusal that belongs next to the form's fields (400: validation, unknown or inactive reference data,
 * invalid identifiers) from one that is a page of its own (403 {@code FORBIDDEN}, 404, 409, 503).
 */
final class StaffForms {
    private StaffForms() {
    }

    /** The violated constraints of {@code request} by property path ({@code applicant.name}); empty when valid. */
    static Map<String, String> violations(Validator validator, Object request) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            fields.put(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return fields;
    }

    /** {@code VALIDATION_FAILED} with {@code fields}, as the API's {@code @Valid} would refuse it. */
    static DomainException invalid(Map<String, String> fields) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The form has invalid fields.", fields);
    }

    /**
     * The domain refusal inside {@code e} (a command's refusal arrives wrapped) when it is a 400, which the form shows
     * beside its fields; null for anything else, which the page error advice renders.
     */
    static DomainException formRefusal(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain.code().httpStatus() == 400 ? domain : null;
            }
        }
        return null;
    }

    /** The non-blank lines of a text area, stripped; none for null. */
    static java.util.List<String> lines(String text) {
        return text == null ? java.util.List.of()
                : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** An enum constant by name; blank is null (the request's {@code @NotNull} then speaks); unknown is a 400. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(Map.of(field, "unknown value"));
        }
    }
}
