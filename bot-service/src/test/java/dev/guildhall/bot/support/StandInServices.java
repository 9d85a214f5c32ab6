package dev.guildhall.bot.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for server-service's permissions and snapshot and message-service's internal write path, whose
 * real behaviour is theirs to test (ADR 154: a service's tests keep stand-ins for the other side of a boundary
 * that is not their subject; the e2e scenario runs the real fleet). Records every write it is asked for.
 */
public final class StandInServices {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StandInServices instance;

    /** A write message-service was asked for: {@code POST}, {@code PUT} (reaction) or {@code DELETE}. */
    public record Write(String method, String path, JsonNode body) {
    }

    private final HttpServer server;
    private final Map<Long, String> serverNames = new ConcurrentHashMap<>();
    private final Map<String, String> permissions = new ConcurrentHashMap<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(900_000_000_000_000_000L);

    private StandInServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/", this::handle);
        server.start();
    }

    public static synchronized StandInServices get() {
        if (instance == null) {
            try {
                instance = new StandInServices();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A server that exists, with its name. */
    public void server(long serverId, String name) {
        serverNames.put(serverId, name);
    }

    /** Makes the user a member of the server with these permission bits. */
    public void member(long serverId, long userId, long permissionBits) {
        permissions.put(serverId + ":" + userId, Long.toString(permissionBits));
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public List<Write> writesIn(long channelId) {
        String prefix = "/internal/channels/" + channelId + "/";
        return writes.stream().filter(w -> w.path().startsWith(prefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!"test-internal-token".equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
                respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            } else if (path.equals("/internal/permissions")) {
                Map<String, String> query = query(exchange.getRequestURI());
                long serverId = Long.parseLong(query.get("server_id"));
                if (!serverNames.containsKey(serverId)) {
                    respond(exchange, 404, "{\"code\":\"UNKNOWN_SERVER\"}");
                    return;
                }
                String bits = permissions.get(serverId + ":" + query.get("user_id"));
                respond(exchange, 200, JSON.writeValueAsString(Map.of("server_id", Long.toString(serverId),
                        "user_id", query.get("user_id"), "member", bits != null,
                        "permissions", bits == null ? "0" : bits)));
            } else if (path.matches("/internal/servers/\\d+/snapshot")) {
                long serverId = Long.parseLong(path.split("/")[3]);
                String name = serverNames.get(serverId);
                respond(exchange, name == null ? 404 : 200, name == null ? "{}" : JSON.writeValueAsString(
                        Map.of("server", Map.of("server_id", Long.toString(serverId), "server_name", name))));
            } else if (path.startsWith("/internal/channels/")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                writes.add(new Write(method, path + (exchange.getRequestURI().getQuery() == null ? ""
                        : "?" + exchange.getRequestURI().getQuery()), body.isEmpty() ? null : JSON.readTree(body)));
                if (method.equals("POST")) {
                    respond(exchange, 200, "{\"message_id\":\"" + ids.incrementAndGet() + "\"}");
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
            } else {
                respond(exchange, 404, "{\"code\":\"UNKNOWN_ENDPOINT\"}");
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new ConcurrentHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
