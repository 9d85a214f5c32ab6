package dev.guildhall.bot.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guildhall.common.permission.Permission;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for server-service's {@code /internal/permissions} and message-service's internal write path,
 * whose own behaviour their tests cover (ADR 154; message-service's InternalMessageApiTest, and the e2e
 * scenario runs the real fleet). Channels and members are declared by the test; every write is recorded,
 * and answered the way message-service would (the message, 404 for a deleted channel, 400 for a too long
 * embed title).
 */
final class WebhookStandIns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WebhookStandIns instance;

    record Write(long channelId, JsonNode body) {
    }

    private record Channel(long serverId, String type) {
    }

    private final HttpServer server;
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> servers = new ConcurrentHashMap<>();
    private final Map<String, Long> permissions = new ConcurrentHashMap<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(800_000_000_000_000_000L);

    private WebhookStandIns() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/permissions", this::permissions);
        server.createContext("/internal/channels/", this::write);
        server.start();
    }

    static synchronized WebhookStandIns get() {
        if (instance == null) {
            try {
                instance = new WebhookStandIns();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long newId() {
        return ids.incrementAndGet();
    }

    /** A new server with one text channel; returns {serverId, channelId}. */
    long[] serverWithChannel() {
        long serverId = newId();
        long channelId = newId();
        servers.put(serverId, ConcurrentHashMap.newKeySet());
        channels.put(channelId, new Channel(serverId, "text"));
        return new long[] {serverId, channelId};
    }

    long channel(long serverId, String type) {
        long channelId = newId();
        channels.put(channelId, new Channel(serverId, type));
        return channelId;
    }

    void member(long serverId, long userId, Permission... granted) {
        servers.get(serverId).add(userId);
        permissions.put(serverId + ":" + userId, Permission.of(granted));
    }

    void deleteChannel(long channelId) {
        channels.remove(channelId);
    }

    List<Write> writes(long channelId) {
        return writes.stream().filter(w -> w.channelId() == channelId).toList();
    }

    private void permissions(HttpExchange ex) throws IOException {
        Map<String, String> q = new HashMap<>();
        for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        long user = Long.parseLong(q.get("user_id"));
        Long channelId = q.containsKey("channel_id") ? Long.parseLong(q.get("channel_id")) : null;
        long serverId;
        String type = null;
        if (channelId != null) {
            Channel channel = channels.get(channelId);
            if (channel == null) {
                reply(ex, 404, "{\"code\":\"UNKNOWN_CHANNEL\"}");
                return;
            }
            serverId = channel.serverId();
            type = channel.type();
        } else {
            serverId = Long.parseLong(q.get("server_id"));
            if (!servers.containsKey(serverId)) {
                reply(ex, 404, "{\"code\":\"UNKNOWN_SERVER\"}");
                return;
            }
        }
        boolean member = servers.get(serverId).contains(user);
        Map<String, Object> body = new HashMap<>();
        body.put("server_id", Long.toString(serverId));
        body.put("channel_id", channelId == null ? null : Long.toString(channelId));
        body.put("user_id", Long.toString(user));
        body.put("member", member);
        body.put("permissions", member ? Permission.format(permissions.get(serverId + ":" + user)) : "0");
        body.put("channel_type", type);
        reply(ex, 200, JSON.writeValueAsString(body));
    }

    private void write(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        long channelId = Long.parseLong(parts[3]);
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        if (!channels.containsKey(channelId)) {
            reply(ex, 404, "{\"code\":\"UNKNOWN_CHANNEL\",\"detail\":\"Unknown channel\"}");
            return;
        }
        for (JsonNode embed : body.path("embeds")) {
            if (embed.path("title").asString("").length() > 256) {
                reply(ex, 400, "{\"code\":\"VALIDATION_FAILED\",\"detail\":\"Invalid embeds[0].title\","
                        + "\"errors\":{\"embeds[0].title\":\"must be at most 256 characters\"}}");
                return;
            }
        }
        writes.add(new Write(channelId, body));
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", Long.toString(newId()));
        message.put("channel_id", Long.toString(channelId));
        message.put("user_id", body.path("webhook_id").asString());
        message.put("webhook_id", body.path("webhook_id").asString());
        message.put("content", body.path("content").asString(""));
        message.putObject("author").put("username", body.path("username").asString());
        reply(ex, 200, JSON.writeValueAsString(message));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
