package org.weimin.ops.reference;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.weimin.command.reference.ReferenceCommands.DeployReferenceFiles;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.ops.StoreStartupSteps;
import org.weimin.ops.reference.ReferenceDataConfiguration.ShippedFiles;

/**
 * At start-up, first of the runners (the user store's seed may name units the files just added): sends the shipped
 * files to the {@code ReferenceData} aggregate, which records their difference to the files applied last — the whole
 * files once on an empty store, nothing when they are unchanged. The change is in force when this returns.
 */
@Component
public class ReferenceFilesDeployment implements ApplicationRunner, Ordered {
    private static final Logger log = LoggerFactory.getLogger(ReferenceFilesDeployment.class);

    private final ShippedFiles files;
    private final CommandGateway commands;
    private final Clock clock;
    private final StoreStartupSteps steps;

    public ReferenceFilesDeployment(ShippedFiles files, CommandGateway commands, Clock clock,
                                    StoreStartupSteps steps) {
        this.files = files;
        this.commands = commands;
        this.clock = clock;
        this.steps = steps;
    }

    /** Deploys the files now, or once Axon Server is reachable ({@link StoreStartupSteps}). */
    @Override
    public void run(ApplicationArguments args) throws Exception {
        steps.run("reference files deployment", () -> deploy(files));
    }

    /**
     * Records what {@code shipped} changes, if anything.
     *
     * @return the reference revision after it
     */
    public long deploy(ShippedFiles shipped) {
        Object revision = commands.sendAndWait(new DeployReferenceFiles(ReferenceEvent.REFERENCE_DATA_ID,
                shipped.source(), shipped.contentHash(), shipped.units(), shipped.items(),
                ReferenceDataConfiguration.DEPLOYMENT, clock.instant()));
        long after = ((Number) revision).longValue();
        log.info("Reference files {} (sha-256 {}) applied: reference data at revision {}", shipped.source(),
                shipped.contentHash().substring(0, 12), after);
        return after;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
