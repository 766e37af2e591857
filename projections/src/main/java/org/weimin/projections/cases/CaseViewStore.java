package org.weimin.projections.cases;

import java.util.Optional;
import org.weimin.events.CaseId;

/** Where {@link CaseViewProjection} keeps case documents: MongoDB ({@link CaseViews}) or memory ({@link CaseHistory}). */
public interface CaseViewStore {
    Optional<CaseView> byId(CaseId caseId);

    void save(CaseView view);

    /** Removes every document (before a replay rebuilds them from the events). */
    void clear();
}
