package org.weimin.ops.consistency;

import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * {@code GET /api/admin/consistency?wait=30&limit=100} (roles administrator and auditor; SecurityConfiguration):
 * runs {@link ConsistencyChecker} and answers its {@link ConsistencyReport} (200 whether or not it found mismatches:
 * read {@code consistent}). {@code wait}: seconds to wait for the read-model processors to catch up (0–600,
 * default 30); {@code limit}: mismatches listed (0–10,000, default 100; all are counted). Out of range: 400
 * {@code VALIDATION_FAILED}. It reads the stores and writes nothing.
 */
@RestController
public class ConsistencyController {
    static final int MAX_WAIT_SECONDS = 600;
    static final int MAX_LIMIT = 10_000;

    private final ConsistencyChecker checker;

    public ConsistencyController(ConsistencyChecker checker) {
        this.checker = checker;
    }

    /** Runs one check; see the class comment. */
    @GetMapping("/api/admin/consistency")
    public ConsistencyReport check(@RequestParam(defaultValue = "30") int wait,
                                   @RequestParam(defaultValue = "100") int limit) {
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "wait must be 0 to " + MAX_WAIT_SECONDS + " seconds.");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "limit must be 0 to " + MAX_LIMIT + ".");
        }
        return checker.check(Duration.ofSeconds(wait), limit);
    }
}
