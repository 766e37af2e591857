package org.weimin.ops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to the running service for the importer: logs in ({@code POST /api/auth/token}) and posts records to
 * {@code POST /api/import/cases}. Connection failures, 429, 502–504 are retried with back-off (0.5 s doubling to
 * 30 s, for up to {@code patience}); an expired token is renewed once. It never opens the stores itself.
 */
public final class ImportClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String user;
    private final String password;
    private final Duration patience;
    private volatile String token;

    public ImportClient(String baseUrl, String user, String password, Duration patience) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.user = user;
        this.password = password;
        this.patience = patience;
    }

    /** The service's answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    /** @throws IOException when the service cannot be reached within the patience, or refuses the login */
    public void login() throws IOException, InterruptedException {
        Answer answer = send("/api/auth/token", Map.of("username", user, "password", password), false);
        if (answer.status() != 200) {
            throw new IOException("login as " + user + " refused: " + answer.status() + " " + answer.body());
        }
        token = answer.body().path("access_token").asText();
    }

    /** Posts one record; the answer is the service's (201 created, 200 known, 4xx refused with a problem detail). */
    public Answer importRecord(Map<String, Object> body) throws IOException, InterruptedException {
        Answer answer = send("/api/import/cases", body, true);
        if (answer.status() == 401) {
            login();
            answer = send("/api/import/cases", body, true);
        }
        return answer;
    }

    private Answer send(String path, Object body, boolean authorised) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long wait = 500;
        while (true) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
                if (authorised && token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status == 429 || status >= 502 && status <= 504) && System.nanoTime() < deadline) {
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, 30_000);
                    continue;
                }
                JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                return new Answer(status, json);
            } catch (IOException e) {
                if (System.nanoTime() >= deadline) {
                    throw new IOException("the service at " + baseUrl + " did not answer for " + patience.toSeconds()
                            + " s: " + e, e);
                }
                Thread.sleep(wait);
                wait = Math.min(wait * 2, 30_000);
            }
        }
    }
}
