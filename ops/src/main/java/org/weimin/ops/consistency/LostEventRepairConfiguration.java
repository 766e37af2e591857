package org.weimin.ops.consistency;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs {@link LostEventRepair} at every start, in Axon's start-up just before the event processors start
 * ({@link Phase#INBOUND_EVENT_CONNECTORS}), so that no processor builds on a document ahead of the store. The repair is
 * looked up lazily, since it needs the event store, which the Axon configuration provides.
 */
@Configuration(proxyBeanMethods = false)
public class LostEventRepairConfiguration {
    /** The start-up hook. */
    @Bean
    ConfigurerModule repairLostEventEffectsAtStart(ObjectProvider<LostEventRepair> repair) {
        return configurer -> configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> repair.getObject().repairAtStart());
    }
}
