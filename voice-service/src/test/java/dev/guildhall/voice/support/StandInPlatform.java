package dev.guildhall.voice.support;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What voice-service reaches over HTTP, stood in for its integration tests: auth-service's JWKS (with RS256 access
 * tokens signed by a test key) and server-service's {@code /internal/permissions}, answered from a table the test
 * fills (a channel it does not know is not found).
 */
public final class StandInPlatform {

    public static final String ISSUER = "http://guildhall-voice-test-issuer";
    public static final String AUDIENCE = "guildhall-api";
    public static final String INTERNAL_TOKEN = "voice-test-internal-token";

    private static final StandInPlatform INSTANCE = new StandInPlatform();

    private final RSAKey key;
    private final HttpServer server;
    private final Map<String, String> permissions = new ConcurrentHashMap<>();

    private StandInPlatform() {
        try {
            key = new RSAKeyGenerator(2048).keyID("voice-test-key").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", e -> respond(e, 200, new JWKSet(key.toPublicJWK()).toString()));
            server.createContext("/internal/permissions", this::permissions);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static StandInPlatform get() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code userId} is a member of {@code serverId} and sees {@code channelId} as a channel of {@code type}. */
    public void sees(long userId, long serverId, long channelId, String type, long bits) {
        permissions.put(userId + ":" + channelId, "{\"server_id\":\"" + serverId + "\",\"channel_id\":\"" + channelId
                + "\",\"user_id\":\"" + userId + "\",\"member\":true,\"permissions\":\"" + bits
                + "\",\"channel_type\":\"" + type + "\"}");
    }

    /** A valid access token for {@code userId}. */
    public String token(long userId) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(userId)).issuer(ISSUER)
                    .audience(List.of(AUDIENCE)).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                    .claim("token_use", "access").claim("username", "user" + userId).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void permissions(HttpExchange exchange) throws IOException {
        if (!INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        String user = null;
        String channel = null;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("user_id=")) {
                user = pair.substring(8);
            } else if (pair.startsWith("channel_id=")) {
                channel = pair.substring(11);
            }
        }
        String answer = permissions.get(user + ":" + channel);
        if (answer == null) {
            respond(exchange, 404, "{\"code\":\"UNKNOWN_CHANNEL\"}");
        } else {
            respond(exchange, 200, answer);
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
