package org.weimin.ops.admin;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dead-letter policy of every group that has a dead-letter queue ({@code axon.eventhandling.processors.<group>
 * .dlq.enabled} in application.yml; Axon's Boot support then keeps the queue in table {@code DeadLetterEntry}, whose
 * DDL schema-h2.sql ships): {@link RedactingDeadLetterPolicy}.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    ConfigurerModule redactingDeadLetterPolicy() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultDeadLetterPolicy(config -> new RedactingDeadLetterPolicy());
    }
}
