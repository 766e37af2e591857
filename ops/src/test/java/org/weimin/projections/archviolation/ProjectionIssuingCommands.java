package org.weimin.projections.archviolation;

import org.weimin.command.cases.CaseCommandService;

/** Test-only violation: a projection using the command side. */
public record ProjectionIssuingCommands(CaseCommandService service) {
}
