package org.weimin.command.archviolation;

import org.weimin.projections.cases.CaseViews;

/** Test-only violation: the command side reading a read model. */
public record CommandReadingTheReadModel(CaseViews views) {
}
