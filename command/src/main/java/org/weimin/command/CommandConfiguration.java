package org.weimin.command;

import java.security.SecureRandom;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.command.cases.CaseIdentities;
import org.weimin.command.cases.CustodySettings;
import org.weimin.command.cases.TimeLimitSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Wiring of the command side that belongs with it rather than with the application assembly. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CustodySettings.class, TimeLimitSettings.class})
public class CommandConfiguration {

    /**
     * The case directory runs in the command's own transaction (subscribing) and its errors roll the command back
     * (propagating): that is what makes its unique index guard tracking numbers.
     */
    @Bean
    ConfigurerModule caseDirectoryProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(CaseDirectory.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(CaseDirectory.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    @Bean
    @ConditionalOnMissingBean
    CaseIdentities caseIdentities() {
        return new CaseIdentities(new SecureRandom());
    }
}
