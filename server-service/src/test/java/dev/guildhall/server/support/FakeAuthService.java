package dev.guildhall.server.support;

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

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service in tests only: signs RS256 access tokens with a test key, serves
 * the JWKS, and answers the internal bulk user lookup from a map the tests fill.
 */
public final class FakeAuthService {

    public static final String ISSUER = "http://guildhall-test-issuer";
    public static final String AUDIENCE = "guildhall-api";
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static final FakeAuthService INSTANCE = new FakeAuthService();

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;
    private final Map<Long, String> usernames = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();

    private FakeAuthService() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", this::jwks);
            server.createContext("/internal/users", this::users);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeAuthService get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    /** A valid access token for this user. */
    public String token(long userId) {
        return sign(key, userId, ISSUER, Instant.now().plusSeconds(3600));
    }

    /** Signed by a key the JWKS does not have. */
    public String forgedToken(long userId) {
        return sign(otherKey, userId, ISSUER, Instant.now().plusSeconds(3600));
    }

    public String expiredToken(long userId) {
        return sign(key, userId, ISSUER, Instant.now().minusSeconds(3600));
    }

    public void knowUser(long userId, String username) {
        usernames.put(userId, username);
    }

    public void setDown(boolean value) {
        down.set(value);
    }

    public int lookups() {
        return lookups.get();
    }

    private String sign(RSAKey signingKey, long userId, String issuer, Instant expiry) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(Long.toString(userId))
                    .issuer(issuer)
                    .audience(List.of(AUDIENCE))
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(expiry))
                    .claim("token_use", "access")
                    .claim("username", "user" + userId)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }

    private void users(HttpExchange exchange) throws IOException {
        lookups.incrementAndGet();
        if (down.get()) {
            respond(exchange, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
            return;
        }
        if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        StringBuilder body = new StringBuilder("[");
        if (query != null && query.startsWith("ids=")) {
            for (String id : URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8).split(",")) {
                String name = usernames.get(Long.parseLong(id.trim()));
                if (name != null) {
                    if (body.length() > 1) {
                        body.append(',');
                    }
                    body.append("{\"user_id\":\"").append(id.trim()).append("\",\"username\":\"").append(name)
                            .append("\",\"avatar_url\":null}");
                }
            }
        }
        respond(exchange, 200, body.append(']').toString());
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
