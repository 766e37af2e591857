package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc parsing, the zip handling and the commands that need no running Elasticsearch. */
class ProcessesAndDistributionTest {
    @TempDir
    Path tmp;

    @Test
    void zombiesCountAsDead() {
        assertThat(Processes.isRunningState("4711 (java) S 1 4711 4711 0 -1")).isTrue();
        assertThat(Processes.isRunningState("4711 (java) R 1 4711 4711 0 -1")).isTrue();
        assertThat(Processes.isRunningState("4711 (java) Z 1 4711 4711 0 -1")).isFalse();
        assertThat(Processes.isRunningState("4711 (we (i) rd) X 1")).isFalse();
        assertThat(Processes.isRunningState("4711 (odd) name) S 1")).isTrue();
        assertThat(Processes.isRunningState("garbage")).isFalse();
    }

    @Test
    void commandLinesSplitOnNul() {
        assertThat(Processes.splitCommandLine("java\0-Des.path.home=/x/home\0-d\0".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("java", "-Des.path.home=/x/home", "-d");
        assertThat(Processes.splitCommandLine(new byte[0])).isEmpty();
    }

    @Test
    void ourOwnProcessIsSeen() {
        long self = ProcessHandle.current().pid();
        assertThat(Processes.isAlive(self)).isTrue();
        assertThat(Processes.commandLine(self)).isNotEmpty();
        assertThat(Processes.isAlive(Integer.MAX_VALUE)).isFalse();
        assertThat(Processes.withArgument("-Des.path.home=/nonexistent/" + System.nanoTime())).isEmpty();
    }

    @Test
    void aPortIsChosenAwayFromTheDevelopersOwnServices() throws Exception {
        int first = ElasticsearchLauncher.freePort(0, Set.of());
        int second = ElasticsearchLauncher.freePort(first, Set.of(first));
        assertThat(first).isPositive().isNotIn(ElasticsearchLauncher.RESERVED_PORTS);
        assertThat(second).isNotEqualTo(first);
        assertThat(ElasticsearchLauncher.freePort(9200, Set.of())).isNotEqualTo(9200);
    }

    @Test
    void unpackingStripsTheTopDirectoryAndMakesBinExecutable() throws Exception {
        Path zip = tmp.resolve("elasticsearch-8.19.21.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "elasticsearch-8.19.21/", null);
            entry(out, "elasticsearch-8.19.21/bin/elasticsearch", "#!/bin/bash\n");
            entry(out, "elasticsearch-8.19.21/config/elasticsearch.yml", "# stock\n");
            entry(out, "elasticsearch-8.19.21/lib/x.jar", "jar");
        }
        Path home = tmp.resolve("instance/home");
        assertThat(Distribution.isUnpacked(home, zip)).isFalse();
        Distribution.unpack(zip, home);
        assertThat(home.resolve("bin/elasticsearch")).hasContent("#!/bin/bash");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/elasticsearch")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(home.resolve("lib/x.jar")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE).contains(PosixFilePermission.OTHERS_READ);
        assertThat(home.resolve("config/jvm.options.d")).isDirectory();
        assertThat(Distribution.isUnpacked(home, zip)).isTrue();
        assertThat(tmp.resolve("instance/home.unpacking")).doesNotExist();
    }

    @Test
    void aZipEntryMayNotEscape() throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "elasticsearch-8.19.21/../../evil", "x");
        }
        assertThatThrownBy(() -> Distribution.unpack(zip, tmp.resolve("instance/home")))
                .hasMessageContaining("escapes");
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void theZipIsFoundInTheBuildOutputThenInTheLocalRepository() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("clone"));
        Path repo = tmp.resolve("repo");
        Map<String, String> system = Map.of("maven.repo.local", repo.toString());
        assertThatThrownBy(() -> Distribution.locate(Optional.empty(), checkout, system))
                .hasMessageContaining("not found");

        Path inRepo = repo.resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch/"
                + Distribution.DEFAULT_VERSION + "/elasticsearch-" + Distribution.DEFAULT_VERSION + ".zip");
        Files.createDirectories(inRepo.getParent());
        Files.writeString(inRepo, "zip");
        assertThat(Distribution.locate(Optional.empty(), checkout, system)).isEqualTo(inRepo);

        Path built = Files.createDirectories(checkout.resolve("ops/target/elasticsearch"));
        Files.writeString(built.resolve("elasticsearch-8.9.0.zip"), "old");
        Files.writeString(built.resolve("elasticsearch-8.19.21.zip"), "new");
        assertThat(Distribution.locate(Optional.empty(), checkout, system))
                .isEqualTo(built.resolve("elasticsearch-8.19.21.zip"));
        assertThat(Distribution.locate(Optional.of(built), checkout, system))
                .isEqualTo(built.resolve("elasticsearch-8.19.21.zip"));
        assertThat(Distribution.locate(Optional.of(inRepo), checkout, system)).isEqualTo(inRepo);
        assertThatThrownBy(() -> Distribution.locate(Optional.of(tmp.resolve("none.zip")), checkout, system))
                .hasMessageContaining("not found");
    }

    @Test
    void leasesOfDeadProcessesAreDroppedAndTheCallersOwnIsNotCounted() throws Exception {
        InstanceLayout layout = InstanceLayout.of(tmp.resolve("es"), tmp.resolve("clone"), "test");
        Path leases = Files.createDirectories(layout.leasesDir());
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        long aliveOther = ProcessHandle.current().pid();
        Files.writeString(leases.resolve(Long.toString(parent)), "");
        Files.writeString(leases.resolve(Long.toString(aliveOther)), "");
        Files.writeString(leases.resolve("2147483646"), "");
        Files.writeString(leases.resolve("junk"), "");

        assertThat(ElasticsearchLauncher.liveLeases(layout)).containsExactly(aliveOther);
        assertThat(leases.resolve("2147483646")).doesNotExist();
        assertThat(leases.resolve("junk")).doesNotExist();
        assertThat(leases.resolve(Long.toString(parent))).exists();
    }

    @Test
    void statusAndStopOfAnInstanceThatNeverRanSayNotRunning() {
        String[] base = {"--base-dir=" + tmp.resolve("es"), "--checkout=" + tmp.resolve("clone")};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThat(ElasticsearchLauncher.run(concat("status", "app", base), print, quiet)).isEqualTo(3);
        assertThat(ElasticsearchLauncher.run(concat("stop", "app", base), print, quiet)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("not running", "not running");
        assertThat(ElasticsearchLauncher.run(new String[] {"start"}, print, quiet)).isEqualTo(2);
        assertThat(ElasticsearchLauncher.run(concat("start", "test", "--skip=true", base[0]), print, quiet))
                .isZero();
        assertThat(tmp.resolve("es")).doesNotExist();
    }

    private static String[] concat(String command, String purpose, String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = command;
        all[1] = purpose;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    private static void entry(ZipOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new ZipEntry(name));
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
