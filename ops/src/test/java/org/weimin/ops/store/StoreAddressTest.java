package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code weimin.store.address} derives the node's store settings; what the operator sets explicitly wins. */
class StoreAddressTest {
    private static final String JAR_YAML = "Config resource 'class path resource [application.yml]' via location "
            + "'optional:classpath:/'";

    private static StandardEnvironment environment(Map<String, Object> operator) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", operator));
        env.getPropertySources().addLast(new MapPropertySource(JAR_YAML, Map.of(
                "spring.datasource.url", "jdbc:h2:file:./data/events;WRITE_DELAY=0",
                "weimin.read-models.public-cache-size", "10000")));
        return env;
    }

    @Test
    void theAddressDerivesUrlsTimeoutsAndTurnsThePublicCacheOff() {
        StandardEnvironment env = environment(Map.of("weimin.store.address", "10.0.0.5:9092:27018"));
        new StoreAddress().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:tcp://10.0.0.5:9092/events;WRITE_DELAY=0");
        assertThat(env.getProperty("spring.data.mongodb.uri"))
                .startsWith("mongodb://10.0.0.5:27018/weimin?").contains("serverSelectionTimeoutMS=2000");
        assertThat(env.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("5000");
        assertThat(env.getProperty("weimin.read-models.public-cache-size")).isEqualTo("0");
    }

    @Test
    void explicitSettingsWinAndWithoutAnAddressNothingChanges() {
        StandardEnvironment env = environment(Map.of("weimin.store.address", "127.0.0.1:1:2",
                "weimin.read-models.public-cache-size", "50"));
        new StoreAddress().postProcessEnvironment(env, null);
        assertThat(env.getProperty("weimin.read-models.public-cache-size")).isEqualTo("50");

        StandardEnvironment plain = environment(Map.of());
        new StoreAddress().postProcessEnvironment(plain, null);
        assertThat(plain.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:./data/events;WRITE_DELAY=0");
        assertThat(plain.getProperty("spring.data.mongodb.uri")).isNull();
    }

    @Test
    void aMalformedAddressStopsTheStart() {
        for (String bad : new String[] {"127.0.0.1:9092", "h:x:1", "h:0:1", "h:1:2:3"}) {
            assertThatThrownBy(() -> new StoreAddress().postProcessEnvironment(
                    environment(Map.of("weimin.store.address", bad)), null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:h2Port:mongoPort");
        }
    }
}
