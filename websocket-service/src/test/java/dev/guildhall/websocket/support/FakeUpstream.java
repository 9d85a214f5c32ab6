package dev.guildhall.websocket.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.security.TokenClaims;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * auth-, server- and message-service as one tiny JDK HTTP server: a JWKS for test-signed RS256
 * tokens, {@code /api/v1/users/@me}, {@code /internal/users/{id}/servers},
 * {@code /internal/servers/{id}/snapshot}, {@code /internal/read-states} and
 * answering from a mutable in-memory model.
 */
public final class FakeUpstream implements AutoCloseable {

    public static final String ISSUER = "http://auth.test";
    public static final String INTERNAL_TOKEN = "test-internal-token";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HttpServer http;
    private final RSAKey key;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Map<Long, String> usernames = new ConcurrentHashMap<>();
    private final Map<Long, TestServer> servers = new ConcurrentHashMap<>();
    /** bot-service's verification: token → {user_id, application_id, flags}. */
    private final Map<String, ObjectNode> botTokens = new ConcurrentHashMap<>();
    public final AtomicBoolean messageServiceDown = new AtomicBoolean();
    /** server-service's list of a user's servers answers 503 (the rest of server-service works). */
    public final AtomicBoolean serverListDown = new AtomicBoolean();
    public final AtomicInteger snapshotCalls = new AtomicInteger();

    public FakeUpstream() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", this::handle);
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public String jwksUrl() {
        return url() + "/.well-known/jwks.json";
    }

    public void user(long userId, String username) {
        usernames.put(userId, username);
    }

    /** A bot user with its application and privileged-intent flags; returns its (test) bot token. */
    public String bot(long botUserId, long applicationId, long flags) {
        usernames.put(botUserId, "bot" + botUserId);
        String token = dev.guildhall.common.security.BotTokens.format(botUserId, UUID.randomUUID().toString()
                .getBytes(StandardCharsets.US_ASCII));
        botTokens.put(token, JSON.objectNode().put("user_id", Long.toString(botUserId))
                .put("application_id", Long.toString(applicationId)).put("flags", flags));
        return token;
    }

    public TestServer server(long serverId, long ownerId) {
        TestServer server = new TestServer(serverId, ownerId);
        servers.put(serverId, server);
        return server;
    }

    public String token(long userId) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER).audience(TokenClaims.AUDIENCE).subject(Long.toString(userId))
                    .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS)
                    .claim(TokenClaims.USERNAME, usernames.getOrDefault(userId, "user" + userId))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (path.equals("/.well-known/jwks.json")) {
                respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                return;
            }
            if (path.equals("/api/v1/users/@me")) {
                Long userId = bearerUser(exchange);
                if (userId == null) {
                    respond(exchange, 401, "{}");
                    return;
                }
                respond(exchange, 200, mapper.writeValueAsString(userObject(userId)));
                return;
            }
            if (path.startsWith("/internal/")) {
                if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
                    respond(exchange, 401, "{}");
                    return;
                }
                internal(exchange, path, query);
                return;
            }
            respond(exchange, 404, "{}");
        } catch (RuntimeException e) {
            respond(exchange, 500, "{}");
        }
    }

    private void internal(HttpExchange exchange, String path, String query) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/internal/bot-tokens/verify")) {
            String token = mapper.readTree(exchange.getRequestBody()).path("token").asString();
            ObjectNode bot = botTokens.get(token);
            respond(exchange, bot == null ? 404 : 200, bot == null ? "{}" : mapper.writeValueAsString(bot));
        } else if (path.equals("/internal/users")) {
            ArrayNode users = JSON.arrayNode();
            for (String id : query.substring("ids=".length()).split(",")) {
                ObjectNode user = userObject(Long.parseLong(id));
                if (botTokens.values().stream().anyMatch(b -> b.path("user_id").asString().equals(id))) {
                    user.put("bot", true);
                }
                users.add(user);
            }
            respond(exchange, 200, mapper.writeValueAsString(users));
        } else if (path.startsWith("/internal/users/") && path.endsWith("/servers") && serverListDown.get()) {
            respond(exchange, 503, "{}");
        } else if (path.startsWith("/internal/users/") && path.endsWith("/servers")) {
            long userId = Long.parseLong(parts[3]);
            ObjectNode body = JSON.objectNode();
            body.put("user_id", Long.toString(userId));
            ArrayNode ids = body.putArray("server_ids");
            servers.values().stream().filter(s -> s.members.containsKey(userId))
                    .forEach(s -> ids.add(Long.toString(s.serverId)));
            respond(exchange, 200, mapper.writeValueAsString(body));
        } else if (path.startsWith("/internal/servers/") && path.endsWith("/snapshot")) {
            snapshotCalls.incrementAndGet();
            TestServer server = servers.get(Long.parseLong(parts[3]));
            if (server == null) {
                respond(exchange, 404, "{}");
            } else {
                respond(exchange, 200, mapper.writeValueAsString(server.snapshot()));
            }
        } else if (path.equals("/internal/read-states")) {
            if (messageServiceDown.get()) {
                respond(exchange, 503, "{}");
            } else {
                respond(exchange, 200, "[{\"channel_id\":\"1\",\"last_message_id\":\"1\",\"query\":\"" + query + "\"}]");
            }
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private Long bearerUser(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        try {
            return Long.parseLong(SignedJWT.parse(header.substring(7)).getJWTClaimsSet().getSubject());
        } catch (Exception e) {
            return null;
        }
    }

    ObjectNode userObject(long userId) {
        ObjectNode user = JSON.objectNode();
        user.put("user_id", Long.toString(userId));
        user.put("username", usernames.getOrDefault(userId, "user" + userId));
        user.putNull("avatar_url");
        return user;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }

    /** A server as server-service would snapshot it. */
    public static final class TestServer {
        public final long serverId;
        public final long ownerId;
        final Map<Long, ObjectNode> channels = new ConcurrentHashMap<>();
        final Map<Long, ObjectNode> roles = new ConcurrentHashMap<>();
        final Map<Long, Set<Long>> members = new ConcurrentHashMap<>();

        TestServer(long serverId, long ownerId) {
            this.serverId = serverId;
            this.ownerId = ownerId;
            roles.put(serverId, role(serverId, "@everyone", Permission.DEFAULT_EVERYONE, 0));
            members.put(ownerId, Set.of());
        }

        public TestServer member(long userId, Long... roleIds) {
            members.put(userId, Set.of(roleIds));
            return this;
        }

        public TestServer removeMember(long userId) {
            members.remove(userId);
            return this;
        }

        public TestServer role(long roleId, long permissions) {
            roles.put(roleId, role(roleId, "role" + roleId, permissions, roles.size()));
            return this;
        }

        /** A text channel; {@code hiddenFromEveryone} denies VIEW_CHANNEL to @everyone. */
        public TestServer channel(long channelId, String name, boolean hiddenFromEveryone) {
            channels.put(channelId, channelObject(channelId, name, hiddenFromEveryone));
            return this;
        }

        public ObjectNode channelObject(long channelId, String name, boolean hiddenFromEveryone) {
            ObjectNode c = JSON.objectNode();
            c.put("channel_id", Long.toString(channelId));
            c.put("server_id", Long.toString(serverId));
            c.put("channel_name", name);
            c.put("channel_type", "text");
            c.putNull("parent_id");
            c.put("position", channels.size());
            ArrayNode overwrites = c.putArray("permission_overwrites");
            if (hiddenFromEveryone) {
                ObjectNode o = overwrites.addObject();
                o.put("id", Long.toString(serverId));
                o.put("type", "role");
                o.put("allow", "0");
                o.put("deny", Long.toString(Permission.VIEW_CHANNEL.bit()));
            }
            return c;
        }

        private ObjectNode role(long roleId, String name, long permissions, int position) {
            ObjectNode r = JSON.objectNode();
            r.put("role_id", Long.toString(roleId));
            r.put("server_id", Long.toString(serverId));
            r.put("name", name);
            r.put("permissions", Permission.format(permissions));
            r.put("color", 0);
            r.put("position", position);
            r.put("hoist", false);
            r.put("mentionable", false);
            return r;
        }

        ObjectNode snapshot() {
            ObjectNode s = JSON.objectNode();
            ObjectNode server = s.putObject("server");
            server.put("server_id", Long.toString(serverId));
            server.put("server_name", "server " + serverId);
            server.put("owner_id", Long.toString(ownerId));
            server.putNull("icon_url");
            server.put("created_at", "2026-01-01T00:00:00Z");
            s.put("owner_id", Long.toString(ownerId));
            ArrayNode ch = s.putArray("channels");
            channels.values().forEach(ch::add);
            ArrayNode rs = s.putArray("roles");
            roles.values().forEach(rs::add);
            ArrayNode ms = s.putArray("members");
            members.forEach((user, roleIds) -> {
                ObjectNode m = ms.addObject();
                m.put("user_id", Long.toString(user));
                ArrayNode r = m.putArray("roles");
                roleIds.forEach(id -> r.add(Long.toString(id)));
            });
            s.put("member_count", members.size());
            return s;
        }
    }
}
