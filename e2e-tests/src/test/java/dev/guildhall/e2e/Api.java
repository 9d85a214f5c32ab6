package dev.guildhall.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the public v1 API, as a client application would use it. */
final class Api {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, HttpHeaders headers, JsonNode body, String raw) {
        String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        String contentType() {
            return headers.firstValue("content-type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Response put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    Response send(String method, String path, String token, Object body) {
        return sendAuthorized(method, path, token == null ? null : "Bearer " + token, body);
    }

    /** As a bot: {@code Authorization: Bot <token>}. */
    Response asBot(String method, String path, String botToken, Object body) {
        return sendAuthorized(method, path, "Bot " + botToken, body);
    }

    private Response sendAuthorized(String method, String path, String authorization, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Accept", "application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isBlank() ? JSON.createObjectNode() : parse(raw);
            return new Response(response.statusCode(), response.headers(), json, raw);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("_unparsed", raw);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
