package org.weimin.events.archviolation;

import org.weimin.command.cases.CaseCommandService;

/** Test-only violation: an event-module class using the command side. Never on the production class path. */
public record EventReachingIntoCommand(CaseCommandService service) {
}
