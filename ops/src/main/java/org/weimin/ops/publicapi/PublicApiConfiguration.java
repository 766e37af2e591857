package org.weimin.ops.publicapi;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link PublicEndpointSettings}; the filter and the lockout are components of this package. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicEndpointSettings.class)
public class PublicApiConfiguration {

    /**
     * Caffeine's expiry read from the application clock (so that a test's clock moves it too), in nanoseconds. Only
     * expiry uses it: a clock that jumps back keeps an entry a little longer, never drops one early by more than the
     * jump.
     */
    static Ticker ticker(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }
}
