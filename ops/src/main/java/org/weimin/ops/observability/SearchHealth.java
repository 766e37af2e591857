package org.weimin.ops.observability;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.weimin.projections.search.CaseSearchIndex;

/**
 * Reachability of Elasticsearch as the health component {@code search}, through the client the search index uses
 * ({@code GET /_cluster/health}, bounded by {@code spring.elasticsearch.connection-timeout}/{@code socket-timeout}).
 *
 * <p>Search is optional to the service (commands go on while it is down; search answers 503 {@code
 * SEARCH_UNAVAILABLE} and the projection catches up afterwards), so an unreachable or red cluster is reported as
 * {@link #DEGRADED}, not DOWN: application.yml orders DEGRADED after UP (so the aggregate stays UP) and maps it to
 * HTTP 200, and the readiness group leaves this component out. A load balancer keeps the node; an operator (with the
 * role administrator or auditor) sees the component's state.
 */
@Component("search")
public class SearchHealth implements HealthIndicator {
    /** The service works without this optional component. */
    public static final Status DEGRADED = new Status("DEGRADED");
    private final CaseSearchIndex index;

    public SearchHealth(CaseSearchIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        try {
            HealthStatus status = index.client().cluster().health().status();
            return (status == HealthStatus.Red ? Health.status(DEGRADED) : Health.up())
                    .withDetail("cluster", status.jsonValue()).build();
        } catch (Exception e) {
            return Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
