package org.weimin.ops.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code weimin.store.address=host:h2Port:mongoPort} (printed by the {@code store} mode, {@link StoreServer}) derives
 * a service node's store settings, each only when not set explicitly (so any of them can still be overridden):
 * <ul>
 *   <li>{@code spring.datasource.url} = {@code jdbc:h2:tcp://host:h2Port/events;WRITE_DELAY=0} (stack-notes: the write
 *       delay is per connection, and only 0 keeps acknowledged commands through a store crash);</li>
 *   <li>{@code spring.data.mongodb.uri} = {@code mongodb://host:mongoPort/weimin} with 2 s connect and server-selection
 *       timeouts;</li>
 *   <li>{@code spring.datasource.hikari.connection-timeout} = 5 s: with the store down a command fails within about
 *       that with 503 {@code SERVICE_UNAVAILABLE} instead of waiting Hikari's 30 s; the pool reconnects by itself. (2 s
 *       was tried: under load on 2 cores, requests waiting for a pooled connection then got 503s with the store up.)</li>
 *   <li>{@code weimin.read-models.public-cache-size} = 0: the public lookup's cache is kept exact only by this node's
 *       own writes, and other nodes write documents too ({@code CaseViewCache}).</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}; a malformed address stops the start with a message.
 */
public class StoreAddress implements EnvironmentPostProcessor {
    /** The property this reads. */
    public static final String PROPERTY = "weimin.store.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String address = environment.getProperty(PROPERTY, "");
        if (address.isBlank()) {
            return;
        }
        String[] parts = address.strip().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException(PROPERTY + " must be host:h2Port:mongoPort, not " + address);
        }
        String host = parts[0];
        int h2Port = port(parts[1], address);
        int mongoPort = port(parts[2], address);
        Map<String, Object> derived = new LinkedHashMap<>();
        putUnlessSet(environment, derived, "spring.datasource.url", jdbcUrl(host, h2Port) + ";WRITE_DELAY=0");
        putUnlessSet(environment, derived, "spring.data.mongodb.uri",
                mongoUri(host, mongoPort) + "?connectTimeoutMS=2000&serverSelectionTimeoutMS=2000");
        putUnlessSet(environment, derived, "spring.datasource.hikari.connection-timeout", "5000");
        putUnlessSet(environment, derived, "spring.datasource.hikari.validation-timeout", "1000");
        putUnlessSet(environment, derived, "weimin.read-models.public-cache-size", "0");
        environment.getPropertySources().addFirst(new MapPropertySource("weimin-store-address", derived));
    }

    private static void putUnlessSet(ConfigurableEnvironment environment, Map<String, Object> derived, String name,
                                     String value) {
        // The jar's application.yml sets the embedded defaults of some of these; only values given by the operator win
        // ("configurationProperties" is Boot's view over all the other sources).
        boolean explicit = environment.getPropertySources().stream()
                .filter(s -> !s.getName().equals("configurationProperties"))
                .filter(s -> !s.getName().contains("class path resource [application"))
                .anyMatch(s -> s.containsProperty(name));
        if (!explicit) {
            derived.put(name, value);
        }
    }

    private static int port(String text, String address) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(PROPERTY + " must be host:h2Port:mongoPort, not " + address);
    }

    /** {@code host:h2Port:mongoPort}. */
    public static String format(String host, int h2Port, int mongoPort) {
        return host + ":" + h2Port + ":" + mongoPort;
    }

    /** The event database's URL without per-connection settings. */
    public static String jdbcUrl(String host, int h2Port) {
        return "jdbc:h2:tcp://" + host + ":" + h2Port + "/events";
    }

    /** The read-model database's URI without options. */
    public static String mongoUri(String host, int mongoPort) {
        return "mongodb://" + host + ":" + mongoPort + "/weimin";
    }
}
