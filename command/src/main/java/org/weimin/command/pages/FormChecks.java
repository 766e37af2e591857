package org.weimin.command.pages;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.TreeMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/** Bean Validation of a form's request record, as the API's {@code @Valid} would do it. */
final class FormChecks {
    private FormChecks() {
    }

    /**
     * @return {@code request} when it meets its constraints
     * @throws DomainException {@code VALIDATION_FAILED} with field → message for every violation
     */
    static <T> T valid(Validator validator, T request, String message) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            fields.put(violation.getPropertyPath().toString(), violation.getMessage());
        }
        if (!fields.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, message, fields);
        }
        return request;
    }
}
