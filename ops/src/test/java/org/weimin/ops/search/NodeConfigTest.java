package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final Path DATA = Path.of("/var/tmp/weimin-es/0123456789ab-test/data");
    private static final Path LOGS = Path.of("/var/tmp/weimin-es/0123456789ab-test/logs");

    private static NodeConfig config(int http, int transport) {
        return new NodeConfig("weimin-0123456789ab-test", "weimin-test", http, transport, DATA, LOGS,
                NodeConfig.DEFAULT_AUTO_CREATE_INDEX, "512m");
    }

    @Test
    void rendersALoopbackSingleNodeWithoutSecurityOnTheGivenPorts() {
        String yaml = config(41234, 41235).renderYaml();
        assertThat(yaml.lines()).contains(
                "cluster.name: \"weimin-0123456789ab-test\"",
                "node.name: \"weimin-test\"",
                "network.host: 127.0.0.1",
                "http.port: 41234",
                "transport.port: 41235",
                "discovery.type: single-node",
                "path.data: \"/var/tmp/weimin-es/0123456789ab-test/data\"",
                "path.logs: \"/var/tmp/weimin-es/0123456789ab-test/logs\"",
                "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false");
        // No settings this stripped build does not know (it has no ML module): an unknown setting stops the node.
        assertThat(yaml).doesNotContain("xpack.ml").doesNotContain("9200");
    }

    @Test
    void onlySystemIndicesMayBeCreatedByAWrite() {
        assertThat(config(41234, 41235).renderYaml().lines()).contains("action.auto_create_index: \"+.*,-*\"");
    }

    @Test
    void theHeapIsFixedAndSmall() {
        assertThat(config(41234, 41235).renderJvmOptions().lines()).contains("-Xms512m", "-Xmx512m")
                .filteredOn(l -> !l.startsWith("#")).allMatch(l -> l.startsWith("-"));
    }

    @Test
    void theUrlIsTheLoopbackHttpPort() {
        assertThat(config(41234, 41235).url()).isEqualTo("http://127.0.0.1:41234");
    }

    @Test
    void pathsAreQuotedSoThatYamlReadsThemVerbatim() {
        assertThat(NodeConfig.quote("/a b/c\"d\\e: #f")).isEqualTo("\"/a b/c\\\"d\\\\e: #f\"");
        assertThat(NodeConfig.quote("x\ny")).isEqualTo("\"x\\ny\"");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> config(41234, 41234)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(0, 41234)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(41234, 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeConfig("c", "n", 1, 2, DATA, LOGS, "+.*,-*", "lots"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
