package org.weimin.ops.admin;

import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.CaseSearchProjection;
import org.weimin.ops.PeriodicCheck;

/**
 * Brings the search projection back quickly after an Elasticsearch outage. While Elasticsearch is down the
 * {@code case-search} processor retries its batch with Axon's doubling back-off (up to 60 s); every
 * {@code weimin.search.recovery-check} (default 2 s) this checks, only while that processor is in error, whether
 * Elasticsearch answers again, and if so restarts the processor, which resumes from its tracking token at once.
 * Restarting loses nothing: the token only ever advanced past batches that were written.
 */
@Component
public class SearchRecovery extends PeriodicCheck {
    private static final Logger log = LoggerFactory.getLogger(SearchRecovery.class);

    private final EventProcessingConfiguration processing;
    private final CaseSearchIndex index;

    public SearchRecovery(EventProcessingConfiguration processing, CaseSearchIndex index,
                          @Value("${weimin.search.recovery-check:PT2S}") java.time.Duration period) {
        super("search-recovery", period);
        this.processing = processing;
        this.index = index;
    }

    @Override
    protected void check() {
        try {
            var processor = processing.eventProcessor(CaseSearchProjection.PROCESSING_GROUP,
                    StreamingEventProcessor.class).orElse(null);
            if (processor == null || !processor.isRunning()
                    || processor.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState)) {
                return;
            }
            index.recheck();
            index.ensureReady(); // throws while Elasticsearch is still unreachable
            log.info("Elasticsearch is reachable again: restarting the {} processor to resume from its token",
                    CaseSearchProjection.PROCESSING_GROUP);
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            processor.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Search still unavailable: {}", e.toString());
        }
    }
}
