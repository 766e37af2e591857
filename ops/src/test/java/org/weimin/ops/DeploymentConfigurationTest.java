package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production profiles ({@code application-*.yml}) and the deployment files under {@code ops/deploy} (compose,
 * Kubernetes) parse, and every {@code weimin.*}, {@code spring.*}, {@code axon.*}, {@code management.*} and
 * {@code server.*} name in them, as a property or as an environment variable, is a real configuration property
 * ({@link ConfigurationNames}). They are written here, not run here (README "Running on more than one machine"):
 * this is what can be proven of them on our machines. The fixtures under {@code deploy-fixture/} prove that the check
 * fails on a misspelt name.
 */
class DeploymentConfigurationTest {
    private static final Path OPS = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString())).resolve("ops");
    private static final ConfigurationNames KNOWN = ConfigurationNames.load(OPS.getParent());

    private static List<Path> files(Path dir, String... endings) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Stream.of(endings).anyMatch(e -> f.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        }
    }

    @Test
    void theMetadataOfBootAxonAndOurOwnPropertiesIsFound() {
        assertThat(KNOWN.known("spring.datasource.url")).isTrue();
        assertThat(KNOWN.known("axon.axonserver.servers")).isTrue();
        assertThat(KNOWN.known("axon.eventhandling.processors.case-view.mode")).as("below a map").isTrue();
        assertThat(KNOWN.known("weimin.idempotency.ttl")).as("from the configuration processor").isTrue();
        assertThat(KNOWN.known("weimin.security.master-key")).as("from an @Value in our sources").isTrue();
        assertThat(KNOWN.knownEnv("WEIMIN_SECURITY_MASTERKEY")).isTrue();
        assertThat(KNOWN.knownEnv("LOGGING_LEVEL_ORG_WEIMIN")).as("below a map").isTrue();
    }

    @Test
    void everyApplicationProfileNamesOnlyRealProperties() throws IOException {
        List<Path> profiles = files(OPS.resolve("src/main/resources"), ".yml").stream()
                .filter(f -> f.getFileName().toString().startsWith("application")).toList();
        assertThat(profiles).extracting(p -> p.getFileName().toString()).contains("application.yml",
                "application-production.yml", "application-axonserver.yml", "application-postgres.yml",
                "application-mongo-replicaset.yml", "application-es-cluster.yml");
        for (Path profile : profiles) {
            assertThat(KNOWN.unknownInApplicationYaml(profile)).as("unknown properties in %s", profile).isEmpty();
        }
    }

    @Test
    void everyDeploymentFileParsesAndNamesOnlyRealProperties() throws IOException {
        List<Path> deployment = files(OPS.resolve("deploy"), ".yaml", ".yml");
        assertThat(deployment).extracting(p -> OPS.resolve("deploy").relativize(p).toString()).contains(
                "compose.yaml", "k8s/configmap.yaml", "k8s/deployment.yaml", "k8s/secret.example.yaml",
                "k8s/axonserver.yaml", "k8s/external-stores.yaml");
        for (Path file : deployment) {
            assertThat(KNOWN.unknownInDeployment(file)).as("unknown variables in %s", file).isEmpty();
        }
    }

    @Test
    void aMisspeltNameIsReported() {
        Path fixtures = OPS.resolve("src/test/resources/deploy-fixture");
        assertThat(KNOWN.unknownInApplicationYaml(fixtures.resolve("application-typo.yml")))
                .containsExactly("axon.axonserver.server", "spring.datasource.ulr", "weimin.idempotency.tll");
        assertThat(KNOWN.unknownInDeployment(fixtures.resolve("k8s-typo.yaml")))
                .containsExactly("SPRING_DATASOURCE_PASWORD", "WEIMIN_SECURITY_MASTER_KEY");
    }
}
