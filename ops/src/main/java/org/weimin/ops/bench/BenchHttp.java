package org.weimin.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's HTTP client: JSON over HTTP/1.1 with keep-alive (one shared {@link HttpClient}, so connections are
 * reused the way a browser or a counter terminal reuses them), bearer tokens per user fetched once and renewed on a
 * 401. It never retries: every failed or refused request is counted by the caller.
 */
public final class BenchHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Duration timeout;
    private final Map<String, String> passwords;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /**
     * @param baseUrl   the service, e.g. {@code http://127.0.0.1:8080}
     * @param timeout   per request
     * @param passwords user name → password of every user the run acts as
     */
    public BenchHttp(String baseUrl, Duration timeout, Map<String, String> passwords) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.passwords = Map.copyOf(passwords);
    }

    /** A reply: status and parsed body ({@link MissingNode} when it is not JSON). */
    public record Reply(int status, JsonNode json, int bytes) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    /** The base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** GET {@code path} as {@code user} (null: anonymous), with extra headers. */
    public Reply get(String path, String user, Map<String, String> headers) throws IOException, InterruptedException {
        return send(path, user, null, headers);
    }

    /** GET {@code path} as {@code user} (null: anonymous). */
    public Reply get(String path, String user) throws IOException, InterruptedException {
        return send(path, user, null, Map.of());
    }

    /** POST a JSON body ({@code null}: none) to {@code path} as {@code user} (null: anonymous). */
    public Reply post(String path, String user, Object body) throws IOException, InterruptedException {
        return send(path, user, body == null ? "" : JSON.writeValueAsString(body), Map.of());
    }

    /** {@code key=value&...}, URL-encoded. */
    public static String query(Map<String, String> parameters) {
        StringBuilder q = new StringBuilder();
        parameters.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    private Reply send(String path, String user, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        String token = user == null ? null : token(user);
        Reply reply = sendOnce(path, token, body, headers);
        if (reply.status() == 401 && user != null) {
            tokens.remove(user, token);
            reply = sendOnce(path, token(user), body, headers);
        }
        return reply;
    }

    private Reply sendOnce(String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        JsonNode json;
        try {
            json = bytes == null || bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
        } catch (IOException notJson) {
            json = MissingNode.getInstance();
        }
        return new Reply(response.statusCode(), json, bytes == null ? 0 : bytes.length);
    }

    private String token(String user) throws IOException, InterruptedException {
        String token = tokens.get(user);
        if (token != null) {
            return token;
        }
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalStateException("no password for " + user);
        }
        Reply reply = sendOnce("/api/auth/token", null,
                JSON.writeValueAsString(Map.of("username", user, "password", password)), Map.of());
        if (reply.status() != 200 || !reply.json().hasNonNull("access_token")) {
            throw new IOException("login of " + user + " refused: " + reply);
        }
        token = reply.json().get("access_token").asText();
        tokens.put(user, token);
        return token;
    }
}
