package dev.guildhall.bot.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A stand-in for server-service's internal answers bot-service asks (ADR 154: the subject here is bot-service's
 * side of the boundary): {@code /internal/permissions} for a channel or a server and a server's snapshot, from
 * a small in-memory model. One per JVM.
 */
public final class FakeServers {

    private static final FakeServers INSTANCE = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** server → member → permission bits */
    private final Map<Long, Map<Long, Long>> members = new ConcurrentHashMap<>();
    /** channel → server */
    private final Map<Long, Long> channels = new ConcurrentHashMap<>();
    /** channel → users who may not see it */
    private final Map<Long, List<Long>> hidden = new ConcurrentHashMap<>();
    /** message-service's internal writes, as received: {method, channel_id, message_id?, body}. */
    public final List<Map<String, Object>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong messageIds = new java.util.concurrent.atomic.AtomicLong(9_900_000_000L);
    private HttpServer http;

    public static FakeServers get() {
        return INSTANCE;
    }

    private static FakeServers start() {
        FakeServers fake = new FakeServers();
        try {
            fake.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        fake.http.setExecutor(Executors.newFixedThreadPool(4));
        fake.http.createContext("/", fake::handle);
        fake.http.start();
        return fake;
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public FakeServers member(long serverId, long userId, long permissions) {
        members.computeIfAbsent(serverId, k -> new ConcurrentHashMap<>()).put(userId, permissions);
        return this;
    }

    public FakeServers channel(long serverId, long channelId) {
        channels.put(channelId, serverId);
        return this;
    }

    public FakeServers hide(long channelId, long userId) {
        hidden.computeIfAbsent(channelId, k -> new ArrayList<>()).add(userId);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = new HashMap<>();
            String raw = exchange.getRequestURI().getQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            if (path.startsWith("/internal/channels/") && path.contains("/messages")) {
                String[] parts = path.split("/");
                String channel = parts[3];
                String messageId = parts.length > 5 ? parts[5] : Long.toString(messageIds.incrementAndGet());
                @SuppressWarnings("unchecked")
                byte[] sent = exchange.getRequestBody().readAllBytes();
                // a DELETE has no body
                Map<String, Object> body = sent.length == 0 ? Map.of() : JSON.readValue(sent, Map.class);
                writes.add(Map.of("method", exchange.getRequestMethod(), "channel_id", channel, "message_id", messageId,
                        "body", body));
                Map<String, Object> message = new HashMap<>(body);
                message.put("message_id", messageId);
                message.put("channel_id", channel);
                respond(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, JSON.writeValueAsString(message));
                return;
            }
            if (path.equals("/internal/permissions")) {
                long user = Long.parseLong(query.get("user_id"));
                Long channel = query.containsKey("channel_id") ? Long.parseLong(query.get("channel_id")) : null;
                Long server = channel != null ? channels.get(channel)
                        : Long.valueOf(Long.parseLong(query.get("server_id")));
                if (server == null || !members.containsKey(server)) {
                    respond(exchange, 404, "{}");
                    return;
                }
                Long bits = members.get(server).get(user);
                boolean sees = bits != null && (channel == null || !hidden.getOrDefault(channel, List.of()).contains(user));
                Map<String, Object> answer = new HashMap<>();
                answer.put("server_id", server.toString());
                answer.put("channel_id", channel == null ? null : channel.toString());
                answer.put("user_id", Long.toString(user));
                answer.put("member", bits != null);
                answer.put("permissions", Long.toString(sees ? bits : 0));
                answer.put("channel_type", channel == null ? null : "text");
                respond(exchange, 200, JSON.writeValueAsString(answer));
            } else if (path.startsWith("/internal/servers/") && path.endsWith("/snapshot")) {
                long server = Long.parseLong(path.split("/")[3]);
                Map<Long, Long> list = members.get(server);
                if (list == null) {
                    respond(exchange, 404, "{}");
                    return;
                }
                List<Map<String, Object>> memberList = new ArrayList<>();
                list.keySet().forEach(id -> memberList.add(Map.of("user_id", Long.toString(id), "roles", List.of())));
                respond(exchange, 200, JSON.writeValueAsString(Map.of(
                        "server", Map.of("server_id", Long.toString(server), "server_name", "test"),
                        "owner_id", "1", "channels", List.of(), "roles", List.of(), "members", memberList,
                        "member_count", memberList.size())));
            } else {
                respond(exchange, 404, "{}");
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "{}");
        }
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
