package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    private static final Map<String, String> SYSTEM = Map.of("user.dir", "/work/clone", "user.home", "/root");

    private static LauncherOptions parse(String... args) {
        return LauncherOptions.parse(List.of(args), SYSTEM, Map.of());
    }

    @Test
    void defaults() {
        LauncherOptions o = parse("start", "app");
        assertThat(o.command()).isEqualTo("start");
        assertThat(o.purpose()).isEqualTo("app");
        assertThat(o.checkout()).isEqualTo(Path.of("/work/clone"));
        assertThat(o.baseDir()).isEqualTo(Path.of("/var/tmp/weimin-es"));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.zip()).isEmpty();
        assertThat(o.fresh()).isFalse();
        assertThat(o.lease()).isFalse();
        assertThat(o.skip()).isFalse();
        assertThat(o.externalUrl()).isEmpty();
        assertThat(o.propertyName()).isEqualTo("weimin.test.elasticsearch.url");
    }

    @Test
    void optionsInBothForms() {
        LauncherOptions o = parse("start", "test", "--checkout=/c", "--zip", "/z.zip", "--timeout=30", "--fresh",
                "--base-dir", "/tmp/es", "--properties-out=/c/ops/target/es.properties", "--heap=256m", "--lease");
        assertThat(o.checkout()).isEqualTo(Path.of("/c"));
        assertThat(o.zip()).contains(Path.of("/z.zip"));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.fresh()).isTrue();
        assertThat(o.baseDir()).isEqualTo(Path.of("/tmp/es"));
        assertThat(o.propertiesOut()).contains(Path.of("/c/ops/target/es.properties"));
        assertThat(o.heap()).isEqualTo("256m");
        assertThat(o.lease()).isTrue();
    }

    @Test
    void mavenPropertiesThatWereNotSetArriveLiterallyAndCountAsUnset() {
        LauncherOptions o = parse("start", "test", "--skip=${skipTests},${skipITs},${maven.test.skip}",
                "--external=${weimin.test.elasticsearch.url}");
        assertThat(o.skip()).isFalse();
        assertThat(o.externalUrl()).isEmpty();
    }

    @Test
    void anySkipFlagSkips() {
        assertThat(parse("start", "test", "--skip=${skipTests},true,${maven.test.skip}").skip()).isTrue();
        assertThat(parse("start", "test", "--skip=false,false,TRUE").skip()).isTrue();
        assertThat(parse("start", "test", "--skip=false,,").skip()).isFalse();
    }

    @Test
    void anExternalClusterIsTakenAsGiven() {
        assertThat(parse("start", "test", "--external=http://es.example:9200").externalUrl())
                .contains("http://es.example:9200");
    }

    @Test
    void systemPropertiesAndEnvironmentGiveDefaults() {
        LauncherOptions o = LauncherOptions.parse(List.of("status", "app"),
                Map.of("user.dir", "/w", "weimin.es.checkout", "/from-property"), Map.of("WEIMIN_ES_ZIP", "/env.zip",
                        "WEIMIN_ES_BASE_DIR", "/env-base"));
        assertThat(o.checkout()).isEqualTo(Path.of("/from-property"));
        assertThat(o.zip()).contains(Path.of("/env.zip"));
        assertThat(o.baseDir()).isEqualTo(Path.of("/env-base"));
    }

    @Test
    void mistakesAreReported() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("command");
        assertThatThrownBy(() -> parse("begin", "app")).hasMessageContaining("command");
        assertThatThrownBy(() -> parse("start")).hasMessageContaining("purpose");
        assertThatThrownBy(() -> parse("start", "../app")).hasMessageContaining("purpose");
        assertThatThrownBy(() -> parse("start", "app", "extra")).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> parse("start", "app", "--nope=1")).hasMessageContaining("--nope");
        assertThatThrownBy(() -> parse("start", "app", "--timeout=0")).hasMessageContaining("--timeout");
        assertThatThrownBy(() -> parse("start", "app", "--zip")).hasMessageContaining("needs a value");
    }
}
