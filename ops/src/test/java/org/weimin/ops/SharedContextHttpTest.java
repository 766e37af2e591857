package org.weimin.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for several in-process HTTP test classes (Spring caches it: one start instead of one per
 * class): a data directory under {@code target/} shared by them, and the clock fixed at Monday 2025-03-03 10:00
 * Beijing time, with metrics export on as in production. Subclasses must only assert on what they did themselves (deltas, their own cases).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // Boot's tests switch metrics export off otherwise (no /actuator/prometheus)
abstract class SharedContextHttpTest extends HttpTestSupport {
    private static final Path DATA_DIR;

    static {
        try {
            Files.createDirectories(Path.of("target"));
            DATA_DIR = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-http-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void sharedProperties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", DATA_DIR::toString);
        registry.add("weimin.clock.fixed", () -> "2025-03-03T02:00:00Z");
    }
}
