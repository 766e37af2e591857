package org.weimin.ops.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding a read model from the events (role administrator), through the group's {@link ProjectionRebuild}.
 *
 * <ul>
 *   <li>{@code POST /api/admin/projections/{group}/rebuild}: starts it and answers 202 with the
 *       {@link RebuildProgress} at the start (header {@code Location}: where to follow it)</li>
 *   <li>{@code GET /api/admin/projections/{group}/rebuild}: the progress of the latest rebuild since the service
 *       started</li>
 * </ul>
 * Errors: {@code PROCESSING_GROUP_NOT_FOUND} (404); {@code REBUILD_NOT_ALLOWED} (409) for a group with side effects
 * ({@code calendar-revision}) or one that cannot replay (a subscribing group such as {@code case-directory});
 * {@code REBUILD_IN_PROGRESS} (409) while the group is still rebuilding.
 */
@RestController
public class RebuildController {
    private final ProjectionRebuilds rebuilds;

    public RebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /**
     * Starts a rebuild of {@code group}: 202 with the progress at the start and {@code Location} of its progress.
     *
     * @throws org.weimin.events.DomainException {@code PROCESSING_GROUP_NOT_FOUND} (404), {@code REBUILD_NOT_ALLOWED}
     *                                           or {@code REBUILD_IN_PROGRESS} (409)
     */
    @PostMapping("/api/admin/projections/{group}/rebuild")
    public ResponseEntity<RebuildProgress> start(@PathVariable String group) {
        RebuildProgress progress = rebuilds.forGroup(group).start();
        return ResponseEntity.accepted().header("Location", "/api/admin/projections/" + group + "/rebuild")
                .body(progress);
    }

    /**
     * The progress of the latest rebuild of {@code group} since the service started ({@code NOT_STARTED}: none).
     *
     * @throws org.weimin.events.DomainException {@code PROCESSING_GROUP_NOT_FOUND} (404), {@code REBUILD_NOT_ALLOWED}
     *                                           (409)
     */
    @GetMapping("/api/admin/projections/{group}/rebuild")
    public RebuildProgress progress(@PathVariable String group) {
        return rebuilds.forGroup(group).progress();
    }
}
