package dev.guildhall.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for message-service's image-upload claim in tests only ({@code POST /internal/uploads/{id}/claim},
 * ADR 195): answers crops for uploads the tests announce with {@link #knowUpload}, 400 for any other.
 */
public final class FakeMediaService {

    private static final FakeMediaService INSTANCE = new FakeMediaService();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    /** upload id → "user_id/purpose" */
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final List<String> claims = new CopyOnWriteArrayList<>();

    private FakeMediaService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/uploads/", this::claim);
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeMediaService get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void knowUpload(String uploadId, long userId, String purpose) {
        uploads.put(uploadId, userId + "/" + purpose);
    }

    /** Upload ids claimed so far, in order. */
    public List<String> claims() {
        return List.copyOf(claims);
    }

    public static String url(String uploadId, int side) {
        return "http://localhost:8080/attachments/1/" + uploadId + "/" + side + ".png?ex=1&is=0&hm=x";
    }

    private void claim(HttpExchange exchange) throws IOException {
        if (!FakeAuthService.INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String uploadId = path.substring("/internal/uploads/".length(), path.length() - "/claim".length());
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        claims.add(uploadId);
        String expected = uploads.get(uploadId);
        if (expected == null || !expected.equals(body.path("user_id").asString() + "/" + body.path("purpose").asString())) {
            respond(exchange, 400, "{\"code\":\"UNKNOWN_UPLOAD\"}");
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("url", url(uploadId, 256),
                "urls", Map.of("64", url(uploadId, 64), "128", url(uploadId, 128), "256", url(uploadId, 256),
                        "512", url(uploadId, 512)))));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
