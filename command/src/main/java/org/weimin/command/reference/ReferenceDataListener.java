package org.weimin.command.reference;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.events.reference.ReferenceEvent;

/**
 * Applies a recorded reference-data change to this node's {@link LiveReferenceData} once the recording command's
 * transaction has committed (subscribing, in the command's own unit of work like the case directory), so a rolled-back
 * change is never seen and the change is in force when the command returns.
 */
@Component
@ProcessingGroup(CaseDirectory.PROCESSING_GROUP)
public class ReferenceDataListener {
    private final LiveReferenceData live;

    public ReferenceDataListener(LiveReferenceData live) {
        this.live = live;
    }

    @EventHandler
    void on(ReferenceEvent event, @SequenceNumber long sequence) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> live.apply(event, sequence));
        } else {
            live.apply(event, sequence);
        }
    }
}
