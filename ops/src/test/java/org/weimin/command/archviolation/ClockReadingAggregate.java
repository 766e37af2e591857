package org.weimin.command.archviolation;

import java.time.Instant;
import org.axonframework.spring.stereotype.Aggregate;

/** Test-only violation: an aggregate reading the clock. */
@Aggregate
public class ClockReadingAggregate {
    Instant stamp() {
        return Instant.now();
    }
}
