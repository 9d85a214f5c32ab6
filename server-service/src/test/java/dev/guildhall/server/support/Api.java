package dev.guildhall.server.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny JSON client for the service under test. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String token, String path) {
        return send("GET", token, path, null, Map.of());
    }

    public Response post(String token, String path, Object body) {
        return send("POST", token, path, body, Map.of());
    }

    public Response patch(String token, String path, Object body) {
        return send("PATCH", token, path, body, Map.of());
    }

    public Response put(String token, String path, Object body) {
        return send("PUT", token, path, body, Map.of());
    }

    public Response delete(String token, String path) {
        return send("DELETE", token, path, null, Map.of());
    }

    public Response send(String method, String token, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString("");
        }

        public String get(String field) {
            return json().path(field).asString(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
