package org.weimin.ops.search;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one local Elasticsearch node is told in {@code config/elasticsearch.yml} and
 * {@code config/jvm.options.d/weimin.options}. Pure: rendering only, no I/O.
 *
 * <p>Fixed choices (stack-notes, "Elasticsearch from Maven Central"): loopback only, single-node discovery, security
 * off (loopback, development and test use only), a small fixed heap, the disk-watermark allocator off (a throwaway
 * local node must not turn red because a developer's disk is 90 % full), and {@code action.auto_create_index}
 * restricted to dot-prefixed (system) indices: a write to a missing index of ours fails with
 * {@code index_not_found_exception} instead of creating it with a dynamic mapping. Our indices are created
 * explicitly, with their mappings.
 */
public record NodeConfig(String clusterName, String nodeName, int httpPort, int transportPort, Path dataDir,
        Path logsDir, String autoCreateIndex, String heap) {

    /** Only system (dot-prefixed) indices may be created by a write; everything else must be created explicitly. */
    public static final String DEFAULT_AUTO_CREATE_INDEX = "+.*,-*";
    public static final String DEFAULT_HEAP = "512m";

    public NodeConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(autoCreateIndex, "autoCreateIndex");
        Objects.requireNonNull(heap, "heap");
        checkPort(httpPort, "httpPort");
        checkPort(transportPort, "transportPort");
        if (httpPort == transportPort) {
            throw new IllegalArgumentException("http and transport port must differ: " + httpPort);
        }
        if (!heap.matches("[0-9]+[kmgKMG]")) {
            throw new IllegalArgumentException("heap must look like 512m: " + heap);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    /** The base URL of the HTTP API. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The complete {@code elasticsearch.yml}. */
    public String renderYaml() {
        return String.join("\n",
                "# Written by org.weimin.ops.search.ElasticsearchLauncher at every start; edits are overwritten.",
                "cluster.name: " + quote(clusterName),
                "node.name: " + quote(nodeName),
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.type: single-node",
                "path.data: " + quote(dataDir.toString()),
                "path.logs: " + quote(logsDir.toString()),
                "xpack.security.enabled: false",
                "action.auto_create_index: " + quote(autoCreateIndex),
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "")
                ;
    }

    /** The extra JVM options file ({@code config/jvm.options.d/weimin.options}). */
    public String renderJvmOptions() {
        return String.join("\n",
                "# Written by org.weimin.ops.search.ElasticsearchLauncher at every start; edits are overwritten.",
                "-Xms" + heap,
                "-Xmx" + heap,
                "-Dfile.encoding=UTF-8",
                "");
    }

    /** A YAML double-quoted scalar. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
