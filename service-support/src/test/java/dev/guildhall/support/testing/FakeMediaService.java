package dev.guildhall.support.testing;

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
 * Stands in for message-service's image uploads in the tests of auth-service (avatars) and server-service (icons)
 * only: the claim ({@code POST /internal/uploads/{id}/claim}, ADR 195) answers crops for uploads the tests announce
 * with {@link #knowUpload}, 400 for any other; the release ({@code POST /internal/uploads/release}, ADR 234) records
 * the URLs it was given.
 */
public final class FakeMediaService {

    /** The internal token the tests give the service (the one every service's tests use). */
    public static final String INTERNAL_TOKEN = "test-internal-token";
    private static final FakeMediaService INSTANCE = new FakeMediaService();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    /** upload id → "user_id/purpose" */
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final List<String> claims = new CopyOnWriteArrayList<>();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private final List<String> groupDms = new CopyOnWriteArrayList<>();

    private FakeMediaService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/uploads/release", this::release);
            server.createContext("/internal/group-dms/", this::groupDm);
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

    /** A group DM the fake knows: its PATCH answers {@code {channel_id, name}} with the name asked for. */
    public void knowGroupDm(String channelId) {
        groupDms.add(channelId);
    }

    /** URLs released so far (replaced or removed avatars and icons), in order. */
    public List<String> released() {
        return List.copyOf(released);
    }

    public static String url(String uploadId, int side) {
        return "http://localhost:8080/attachments/1/" + uploadId + "/" + side + ".png?ex=1&is=0&hm=x";
    }

    private void claim(HttpExchange exchange) throws IOException {
        if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
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

    private void groupDm(HttpExchange exchange) throws IOException {
        String channelId = exchange.getRequestURI().getPath().substring("/internal/group-dms/".length());
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))
                || !groupDms.contains(channelId)) {
            respond(exchange, 404, "{\"status\":404,\"code\":\"UNKNOWN_CHANNEL\",\"detail\":\"Unknown channel\"}");
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("channel_id", channelId, "channel_type", "group_dm",
                "name", body.path("name").asString(""))));
    }

    private void release(HttpExchange exchange) throws IOException {
        if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        released.add(body.path("url").asString());
        respond(exchange, 200, "{\"objects_deleted\":4}");
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
