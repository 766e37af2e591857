package org.weimin.ops.admin;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.projections.search.CaseSearchRebuild;

/**
 * Rebuild of the case search index (role administrator): {@code POST /api/admin/projections/case-search/rebuild}
 * starts one (202 with its progress), {@code GET} the same path reports progress (events scanned, cases indexed,
 * events per second, state RUNNING / FINISHED / FAILED). The rebuild fills a new index while live events keep
 * flowing and then switches the alias ({@link CaseSearchRebuild}).
 */
@RestController
public class SearchIndexAdmin {
    private final ObjectProvider<CaseSearchRebuild> rebuild;

    public SearchIndexAdmin(ObjectProvider<CaseSearchRebuild> rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * @throws DomainException {@code REBUILD_RUNNING} (409) when one is already running; {@code FORBIDDEN} when
     *                         the search projection is switched off
     */
    @PostMapping("/api/admin/projections/case-search/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public CaseSearchRebuild.Progress start() {
        try {
            return rebuild().start();
        } catch (IllegalStateException e) {
            throw new DomainException(ErrorCode.REBUILD_RUNNING, e.getMessage());
        }
    }

    /** @throws DomainException {@code REBUILD_NOT_FOUND} when no rebuild ran since this node started */
    @GetMapping("/api/admin/projections/case-search/rebuild")
    public CaseSearchRebuild.Progress progress() {
        return rebuild().progress().orElseThrow(() -> new DomainException(ErrorCode.REBUILD_NOT_FOUND,
                "No rebuild of the search index ran since this node started.", Map.of()));
    }

    private CaseSearchRebuild rebuild() {
        CaseSearchRebuild r = rebuild.getIfAvailable();
        if (r == null) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The search projection is switched off "
                    + "(weimin.search.enabled=false).");
        }
        return r;
    }
}
