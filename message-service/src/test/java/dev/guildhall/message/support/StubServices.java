package dev.guildhall.message.support;

import com.nimbusds.jose.JOSEException;
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
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.security.TokenClaims;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the services message-service calls, on one local HTTP server: auth-service's
 * JWKS ({@code /.well-known/jwks.json}, with a test RSA key that also signs test tokens) and
 * {@code /internal/users}, server-service's {@code /internal/permissions} and
 * {@code /internal/servers/{id}/snapshot}, both computed from {@link FakeServer}s.
 */
public final class StubServices {

    public static final String ISSUER = "http://issuer.test";
    public static final String INTERNAL_TOKEN = "test-internal-token";
    private static StubServices instance;

    private final HttpServer server;
    private final RSAKey key;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SnowflakeGenerator ids = new SnowflakeGenerator(1000);
    private final Map<Long, String> users = new ConcurrentHashMap<>();
    private final java.util.Set<Long> bots = ConcurrentHashMap.newKeySet();
    private final Map<Long, FakeServer> channelServers = new ConcurrentHashMap<>();
    private final Map<Long, FakeServer> servers = new ConcurrentHashMap<>();
    private final AtomicInteger permissionCalls = new AtomicInteger();
    private final List<tools.jackson.databind.JsonNode> contentPurges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean authDown;

    private StubServices() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/.well-known/jwks.json", ex -> reply(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/internal/permissions", this::permissions);
        server.createContext("/internal/servers/", this::snapshot);
        server.createContext("/internal/users", this::users);
        server.start();
    }

    public static synchronized StubServices get() {
        if (instance == null) {
            instance = new StubServices();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long newId() {
        return ids.next();
    }

    /** A new user known to auth-service. */
    public long user() {
        long id = newId();
        users.put(id, "user" + id);
        return id;
    }

    /** A new bot user known to auth-service ({@code bot: true}). */
    public long botUser() {
        long id = user();
        bots.add(id);
        return id;
    }

    /** The user changes their name in auth-service (what {@code /internal/users} answers from now on). */
    public void rename(long user, String username) {
        users.put(user, username);
    }

    public String username(long user) {
        return users.get(user);
    }

    /** A new server owned by a new user; @everyone has Discord's default permissions. */
    public FakeServer server() {
        long owner = user();
        FakeServer fake = new FakeServer(this, newId(), owner);
        servers.put(fake.serverId, fake);
        return fake;
    }

    void registerChannel(long channel, FakeServer fake) {
        channelServers.put(channel, fake);
    }

    /** What message-service reported to server-service's audit log about deleted channels' content (ADR 198). */
    public List<tools.jackson.databind.JsonNode> contentPurges() {
        return contentPurges;
    }

    public int permissionCalls() {
        return permissionCalls.get();
    }

    public void authDown(boolean down) {
        this.authDown = down;
    }

    /** A valid access token for the user, as auth-service would sign it. */
    public String token(long userId) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(TokenClaims.AUDIENCE)
                    .subject(Long.toString(userId))
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600)))
                    .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void permissions(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        permissionCalls.incrementAndGet();
        Map<String, String> q = query(ex.getRequestURI());
        long user = Long.parseLong(q.get("user_id"));
        long channel = Long.parseLong(q.get("channel_id"));
        FakeServer fake = channelServers.get(channel);
        if (fake == null) {
            reply(ex, 404, "{\"code\":\"UNKNOWN_CHANNEL\"}");
            return;
        }
        boolean member = fake.members.containsKey(user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_id", Long.toString(fake.serverId));
        body.put("channel_id", Long.toString(channel));
        body.put("user_id", Long.toString(user));
        body.put("member", member);
        body.put("permissions", Permission.format(fake.permissions(user, channel)));
        reply(ex, 200, json.writeValueAsString(body));
    }

    private void snapshot(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        String[] parts = ex.getRequestURI().getPath().split("/");
        FakeServer fake = parts.length > 3 ? servers.get(Long.parseLong(parts[3])) : null;
        if (fake == null) {
            reply(ex, 404, "{\"code\":\"UNKNOWN_SERVER\"}");
            return;
        }
        if ("POST".equals(ex.getRequestMethod()) && ex.getRequestURI().getPath().endsWith("/content-purges")) {
            contentPurges.add(json.readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
            return;
        }
        reply(ex, 200, json.writeValueAsString(fake.snapshot()));
    }

    private void users(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        if (authDown) {
            reply(ex, 503, "{}");
            return;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        String ids = query(ex.getRequestURI()).getOrDefault("ids", "");
        for (String id : ids.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            String name = users.get(Long.parseLong(id));
            if (name != null) {
                Map<String, Object> user = new HashMap<>();
                user.put("user_id", id);
                user.put("username", name);
                user.put("avatar_url", null);
                user.put("bot", bots.contains(Long.parseLong(id)));
                found.add(user);
            }
        }
        reply(ex, 200, json.writeValueAsString(found));
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        if (!INTERNAL_TOKEN.equals(ex.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            reply(ex, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return false;
        }
        return true;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
