package org.weimin.query.archviolation;

import org.weimin.command.cases.CaseCommandService;

/** Test-only violation: the query side depending on the command side. */
public record QueryIssuingCommands(CaseCommandService service) {
}
