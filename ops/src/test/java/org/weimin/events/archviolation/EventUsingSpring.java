package org.weimin.events.archviolation;

import org.springframework.stereotype.Component;

/** Test-only violation: a Spring annotation in the shared kernel. */
@Component
public class EventUsingSpring {
}
