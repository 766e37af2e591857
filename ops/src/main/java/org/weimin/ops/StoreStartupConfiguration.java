package org.weimin.ops;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link StoreStartupSteps}: deferrable only with Axon Server as the event store ({@code axon.axonserver.enabled});
 * reachable is its connection manager's view of the default context.
 */
@Configuration(proxyBeanMethods = false)
public class StoreStartupConfiguration {

    @Bean
    StoreStartupSteps storeStartupSteps(@Value("${axon.axonserver.enabled:false}") boolean axonServer,
                                        ObjectProvider<AxonServerConnectionManager> connections) {
        return new StoreStartupSteps(axonServer, () -> {
            AxonServerConnectionManager manager = connections.getIfAvailable();
            if (manager == null) {
                return true;
            }
            try {
                return manager.isConnected(manager.getDefaultContext());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
