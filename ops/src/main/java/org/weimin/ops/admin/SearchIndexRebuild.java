package org.weimin.ops.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.CaseSearchProjection;
import org.weimin.projections.search.CaseSearchRebuild;
import org.weimin.projections.search.SearchUnavailableException;

/**
 * The {@code case-search} group's own rebuild ({@link ProjectionRebuild}): instead of resetting tokens, which would
 * leave the live index stale while replaying, {@link CaseSearchRebuild} fills a new index from the event store while
 * live events keep flowing into both, then switches the alias (no gap, no duplicate). Reached through the generic
 * {@code POST/GET /api/admin/projections/case-search/rebuild}; {@code GET /api/admin/projections/case-search/index}
 * (administrator) shows the alias, the index behind it, its mapping version and the latest rebuild's details.
 * Present only when the search projection is ({@code weimin.search.enabled}).
 */
@Component
@RestController
@ConditionalOnProperty(name = "weimin.search.enabled", havingValue = "true", matchIfMissing = true)
public class SearchIndexRebuild implements ProjectionRebuild {
    private final CaseSearchRebuild rebuild;
    private final CaseSearchIndex index;

    public SearchIndexRebuild(CaseSearchRebuild rebuild, CaseSearchIndex index) {
        this.rebuild = rebuild;
        this.index = index;
    }

    @Override
    public String group() {
        return CaseSearchProjection.PROCESSING_GROUP;
    }

    /**
     * @throws DomainException {@code REBUILD_IN_PROGRESS} while one runs
     * @throws SearchUnavailableException when Elasticsearch cannot be reached (503)
     */
    @Override
    public RebuildProgress start() {
        try {
            return map(rebuild.start());
        } catch (IllegalStateException e) {
            throw new DomainException(ErrorCode.REBUILD_IN_PROGRESS, e.getMessage());
        }
    }

    @Override
    public RebuildProgress progress() {
        return rebuild.progress().map(SearchIndexRebuild::map)
                .orElse(RebuildProgress.notStarted(group()));
    }

    /** Alias, concrete index, mapping version, and the latest rebuild with its indices and any error. */
    @GetMapping("/api/admin/projections/case-search/index")
    public Map<String, Object> index() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("alias", index.alias());
        status.put("codeMappingVersion", CaseSearchIndex.MAPPING_VERSION);
        try {
            index.ensureReady();
            String concrete = index.indexBehind(index.alias()).orElse(null);
            status.put("index", concrete);
            status.put("indexMappingVersion", concrete == null ? null : index.mappingVersion(concrete));
        } catch (IOException | RuntimeException e) {
            throw e instanceof SearchUnavailableException s ? s
                    : new SearchUnavailableException("cannot read the index state: " + e, e);
        }
        status.put("lastRebuild", rebuild.progress().orElse(null));
        return status;
    }

    private static RebuildProgress map(CaseSearchRebuild.Progress p) {
        boolean done = p.state().equals("DONE");
        // total: the events up to the head noted at the start (what the scan covers); once done, all were scanned.
        long total = done ? p.eventsScanned() : Math.max(p.eventsScanned(), p.headPosition() + 1);
        return new RebuildProgress(CaseSearchProjection.PROCESSING_GROUP, p.state(), p.eventsScanned(), total,
                p.eventsPerSecond(), done, p.startedAt(), p.finishedAt());
    }
}
