package org.weimin.ops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.weimin.events.ErrorCode;

/**
 * Builds the one RFC 9457 problem-detail shape every error of the API has: {@code type} ({@code urn:weimin:problem:
 * <code>}), {@code title}, {@code status}, {@code detail}, plus {@code code} (stable, from {@link ErrorCode}),
 * {@code retryable}, and {@code fields} (field → what is wrong) where fields are at fault. Never a stack trace.
 */
@Component
public class ProblemWriter {
    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The problem detail for a code, a message and offending fields (may be empty). */
    public static ProblemDetail problem(ErrorCode code, String detail, Map<String, String> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create("urn:weimin:problem:" + code.name().toLowerCase().replace('_', '-')));
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        problem.setProperty("retryable", code.retryable());
        if (!fields.isEmpty()) {
            problem.setProperty("fields", fields);
        }
        return problem;
    }

    /** Writes a problem directly to a servlet response (for filters outside Spring MVC, e.g. security). */
    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(code, detail, Map.of()));
    }
}
