package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLayoutTest {
    private static final Path BASE = Path.of("/var/tmp/weimin-es");

    @TempDir
    Path tmp;

    @Test
    void oneDirectoryPerCheckoutAndPurpose() {
        InstanceLayout app = InstanceLayout.of(BASE, Path.of("/nonexistent/clone-a"), "app");
        InstanceLayout test = InstanceLayout.of(BASE, Path.of("/nonexistent/clone-a"), "test");
        InstanceLayout otherClone = InstanceLayout.of(BASE, Path.of("/nonexistent/clone-b"), "app");

        assertThat(app.dir().getParent()).isEqualTo(BASE);
        assertThat(app.dir().getFileName().toString()).matches("[0-9a-f]{12}-app");
        assertThat(test.dir().getFileName().toString()).matches("[0-9a-f]{12}-test");
        assertThat(app.dir().getFileName().toString().substring(0, 12))
                .isEqualTo(test.dir().getFileName().toString().substring(0, 12));
        assertThat(otherClone.dir()).isNotEqualTo(app.dir());
        assertThat(app.homeArgument()).isNotEqualTo(test.homeArgument()).isNotEqualTo(otherClone.homeArgument());
    }

    @Test
    void theNameIsStableAndIgnoresHowThePathIsWritten() {
        InstanceLayout a = InstanceLayout.of(BASE, Path.of("/nonexistent/x/../clone-a/"), "app");
        InstanceLayout b = InstanceLayout.of(BASE, Path.of("/nonexistent/clone-a"), "app");
        assertThat(a.dir()).isEqualTo(b.dir());
        // The SHA-256 of "/nonexistent/clone-a", first 6 bytes: fixed, so the same checkout finds its instance again.
        assertThat(InstanceLayout.instanceName(Path.of("/nonexistent/clone-a"), "app"))
                .isEqualTo(b.dir().getFileName().toString());
    }

    @Test
    void aSymlinkedCheckoutIsTheSameCheckout() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThat(InstanceLayout.of(BASE, link, "app").dir()).isEqualTo(InstanceLayout.of(BASE, real, "app").dir());
    }

    @Test
    void filesLiveInsideTheInstanceDirectory() {
        InstanceLayout l = InstanceLayout.of(BASE, Path.of("/nonexistent/clone-a"), "test");
        assertThat(l.home()).isEqualTo(l.dir().resolve("home"));
        assertThat(l.configDir()).isEqualTo(l.dir().resolve("home/config"));
        assertThat(l.dataDir()).isEqualTo(l.dir().resolve("data"));
        assertThat(l.pidFile()).isEqualTo(l.dir().resolve("elasticsearch.pid"));
        assertThat(l.urlFile()).isEqualTo(l.dir().resolve("http.url"));
        assertThat(l.homeArgument()).isEqualTo("-Des.path.home=" + l.dir().resolve("home"));
        assertThat(l.clusterName()).isEqualTo("weimin-" + l.dir().getFileName());
        assertThat(l.ownerText()).isEqualTo("checkout=/nonexistent/clone-a\npurpose=test\n");
    }

    @Test
    void purposesAreSafeDirectoryNameParts() {
        for (String bad : new String[] {"", "App", "../x", "a/b", "a b", "-x", null}) {
            assertThatThrownBy(() -> InstanceLayout.of(BASE, Path.of("/x"), bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pidFiles() throws Exception {
        Path pid = tmp.resolve("elasticsearch.pid");
        assertThat(InstanceLayout.readPid(pid)).isEmpty();
        Files.writeString(pid, "4711\n");
        assertThat(InstanceLayout.readPid(pid)).hasValue(4711);
        Files.writeString(pid, "  4712  ");
        assertThat(InstanceLayout.readPid(pid)).hasValue(4712);
        for (String junk : new String[] {"", "\n", "abc", "-5", "0", "12 13", "99999999999"}) {
            Files.writeString(pid, junk);
            assertThat(InstanceLayout.readPid(pid)).as(junk).isEmpty();
        }
        Files.write(pid, new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThat(InstanceLayout.readPid(pid)).isEmpty();
    }

    @Test
    void urlFilesHoldOnlyLoopbackUrls() throws Exception {
        Path url = tmp.resolve("http.url");
        assertThat(InstanceLayout.readUrl(url)).isEmpty();
        InstanceLayout.writeUrl(url, "http://127.0.0.1:41234");
        assertThat(Files.readString(url)).isEqualTo("http://127.0.0.1:41234\n");
        assertThat(InstanceLayout.readUrl(url)).hasValue("http://127.0.0.1:41234");
        assertThat(InstanceLayout.portOf("http://127.0.0.1:41234")).hasValue(41234);
        assertThat(tmp.resolve("http.url.tmp")).doesNotExist();

        Files.writeString(url, "http://example.org:9200\n");
        assertThat(InstanceLayout.readUrl(url)).isEmpty();
        assertThat(InstanceLayout.portOf("http://127.0.0.1:99999")).isEmpty();
        assertThatThrownBy(() -> InstanceLayout.writeUrl(url, "http://10.0.0.1:9200"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsFiles() throws Exception {
        Path ports = tmp.resolve("ports");
        assertThat(InstanceLayout.readPorts(ports)).containsExactly(0, 0);
        InstanceLayout.writePorts(ports, 41234, 41235);
        assertThat(InstanceLayout.readPorts(ports)).containsExactly(41234, 41235);
        Files.writeString(ports, "http=abc\ntransport=70000\n");
        assertThat(InstanceLayout.readPorts(ports)).containsExactly(0, 0);
    }

    @Test
    void thePropertiesFileForFailsafe() throws Exception {
        Path file = tmp.resolve("target/elasticsearch-it.properties");
        InstanceLayout.writeProperty(file, "weimin.test.elasticsearch.url", "http://127.0.0.1:41234");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        assertThat(p).containsOnlyKeys("weimin.test.elasticsearch.url");
        assertThat(p.getProperty("weimin.test.elasticsearch.url")).isEqualTo("http://127.0.0.1:41234");
    }
}
