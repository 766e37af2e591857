package org.weimin.ops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's decisions that need no PostgreSQL: skipping, a missing installation, bad arguments. */
class PostgresLauncherTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return PostgresLauncher.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void skippedTestsStartNothingEvenWithUnresolvedMavenProperties() {
        assertThat(run(Map.of(), "start", "test", "--checkout=" + dir, "--base-dir=" + dir.resolve("base"),
                "--skip=false,true,${maven.test.skip}", "--external=${weimin.test.postgres.url}")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped");
        assertThat(dir.resolve("base")).doesNotExist();
    }

    @Test
    void withoutPostgresqlLocallyTheTestsSkipAndUnderCiTheBuildFails() {
        Path properties = dir.resolve("it.properties");
        String[] args = {"start", "test", "--checkout=" + dir, "--base-dir=" + dir.resolve("base"),
                "--pg-bin=" + dir.resolve("no-such-bin"), "--properties-out=" + properties,
                "--skip=false,false,${maven.test.skip}", "--external=${weimin.test.postgres.url}"};
        assertThat(run(Map.of(), args)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("will be skipped");
        assertThat(properties).doesNotExist();

        assertThat(run(Map.of("CI", "true"), args)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("required under CI=true");
        assertThat(properties).doesNotExist();
    }

    @Test
    void anExternalServerIsPublishedBesideTheOtherProperties() throws Exception {
        Path properties = dir.resolve("it.properties");
        Files.writeString(properties, "weimin.test.elasticsearch.url=http\\://127.0.0.1\\:9999\n");
        assertThat(run(Map.of(), "start", "test", "--checkout=" + dir, "--properties-out=" + properties,
                "--external=jdbc:postgresql://db.example:5432/weimin")).isZero();
        assertThat(Files.readString(properties)).contains("weimin.test.elasticsearch.url=http\\://127.0.0.1\\:9999")
                .contains("weimin.test.postgres.url=jdbc\\:postgresql\\://db.example\\:5432/weimin")
                .contains("weimin.test.postgres.user=weimin");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run(Map.of(), "start")).isEqualTo(2);
        assertThat(run(Map.of(), "start", "test", "--no-such-option=1")).isEqualTo(2);
        assertThat(run(Map.of(), "start", "Not A Purpose")).isEqualTo(2);
    }
}
