package org.weimin.ops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tiny JSON-over-HTTP client for the black-box tests (java.net.http + Jackson, HTTP/1.1, 2 s to connect and 30 s per
 * request: a loaded CI machine can answer a search slowly, which is not what these tests judge). The base URL is asked
 * of a supplier on every call, so callers follow an application that was restarted on another port. {@link #login} fetches a bearer token; {@link Session} keeps one and logs in again on a 401.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> baseUrl;

    public Api(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A reply: status, parsed body (a {@link MissingNode} when it is not JSON) and the raw text. */
    public record Reply(int status, JsonNode json, String body) {
        public String text(String pointer) {
            return json.at(pointer).asText();
        }

        /** Whether this is a problem detail with {@code status}, {@code code} and {@code "retryable": true}. */
        public boolean isRetryableProblem(int expectedStatus, String code) {
            return status == expectedStatus && text("/code").equals(code) && json.path("retryable").asBoolean();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET().build());
    }

    /** A GET allowed to take {@code timeout} instead of {@link #REQUEST_TIMEOUT} (e.g. a consistency check). */
    public Reply get(String path, String bearer, Duration timeout) throws IOException, InterruptedException {
        return send(request(path, bearer).timeout(timeout).GET().build());
    }

    public Reply post(String path, Object body, String bearer) throws IOException, InterruptedException {
        return post(path, body, bearer, Map.of());
    }

    /** A POST with extra request headers, e.g. {@code If-Match}. */
    public Reply post(String path, Object body, String bearer, Map<String, String> headers)
            throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder builder = request(path, bearer).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
    }

    /** Like {@link #get} but rethrows I/O failures unchecked (for assertions inside Awaitility conditions). */
    public Reply getUnchecked(String path, String bearer) {
        try {
            return get(path, bearer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #post} but rethrows I/O failures unchecked. */
    public Reply postUnchecked(String path, Object body, String bearer) {
        try {
            return post(path, body, bearer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /api/auth/token}; fails unless 200 with an access token. */
    public String login(String username, String password) throws IOException, InterruptedException {
        Reply reply = post("/api/auth/token", Map.of("username", username, "password", password), null);
        if (reply.status() != 200 || !reply.json().hasNonNull("access_token")) {
            throw new IllegalStateException("login of " + username + " failed: " + reply);
        }
        return reply.text("/access_token");
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank()
                    ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = MissingNode.getInstance();
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    /** A logged-in user: keeps the token, logs in again when a call answers 401. Thread-safe. */
    public final class Session {
        private final String username;
        private final String password;
        private volatile String token;

        public Session(String username, String password) {
            this.username = username;
            this.password = password;
        }

        public String token() throws IOException, InterruptedException {
            String t = token;
            if (t == null) {
                t = relogin(null);
            }
            return t;
        }

        private synchronized String relogin(String stale) throws IOException, InterruptedException {
            if (token == null || token.equals(stale)) {
                token = login(username, password);
            }
            return token;
        }

        public Reply get(String path) throws IOException, InterruptedException {
            String t = token();
            Reply reply = Api.this.get(path, t);
            if (reply.status() == 401) {
                reply = Api.this.get(path, relogin(t));
            }
            return reply;
        }

        public Reply post(String path, Object body) throws IOException, InterruptedException {
            return post(path, body, Map.of());
        }

        /** A POST with extra request headers, e.g. {@code If-Match}. */
        public Reply post(String path, Object body, Map<String, String> headers)
                throws IOException, InterruptedException {
            String t = token();
            Reply reply = Api.this.post(path, body, t, headers);
            if (reply.status() == 401) {
                reply = Api.this.post(path, body, relogin(t), headers);
            }
            return reply;
        }

        public Reply getUnchecked(String path) {
            try {
                return get(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Reply postUnchecked(String path, Object body) {
            try {
                return post(path, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Session session(String username, String password) {
        return new Session(username, password);
    }
}
