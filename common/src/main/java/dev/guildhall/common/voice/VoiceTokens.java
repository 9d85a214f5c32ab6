package dev.guildhall.common.voice;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The voice token contract between voice-service (which issues it) and the media nodes (which check it
 * on the signalling WebSocket): an HS256 JWT of type {@code guildhall-voice+jwt} keyed by a secret both
 * share (ADR 007). The key is the SHA-256 of the configured secret, so any secret length gives a
 * 256-bit HMAC key. Only HS256 with this type is accepted, so an access token or an {@code alg: none}
 * token is refused.
 */
public final class VoiceTokens {

    /** Long enough to open the signalling socket after join, short enough that a leaked token is useless. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    private static final JOSEObjectType TYPE = new JOSEObjectType("guildhall-voice+jwt");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final byte[] key;

    public VoiceTokens(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the voice token secret must not be blank");
        }
        this.key = sha256(secret);
    }

    public String issue(VoiceTokenClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .subject(claims.userId())
                .claim("server_id", claims.serverId())
                .claim("channel_id", claims.channelId())
                .claim("node_id", claims.nodeId())
                .claim("session_id", claims.sessionId())
                .claim("permissions", Map.of("speak", claims.canSpeak(), "video", claims.canVideo(),
                        "stream", claims.canStream()))
                .expirationTime(Date.from(claims.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), set);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a voice token", e);
        }
        return jwt.serialize();
    }

    /** The token's claims if it is well-formed, signed with our key, of our type, and not expired at {@code now}. */
    public VoiceTokenClaims verify(String token, Instant now) throws InvalidVoiceTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidVoiceTokenException("voice token missing");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())) {
                throw new InvalidVoiceTokenException("not a voice token");
            }
            if (!jwt.verify(new MACVerifier(key))) {
                throw new InvalidVoiceTokenException("voice token signature invalid");
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Date exp = set.getExpirationTime();
            if (exp == null || !now.minus(CLOCK_SKEW).isBefore(exp.toInstant())) {
                throw new InvalidVoiceTokenException("voice token expired");
            }
            Map<String, Object> permissions = set.getJSONObjectClaim("permissions");
            return new VoiceTokenClaims(set.getSubject(), set.getStringClaim("server_id"),
                    set.getStringClaim("channel_id"), set.getStringClaim("node_id"), set.getStringClaim("session_id"),
                    flag(permissions, "speak"), flag(permissions, "video"), flag(permissions, "stream"),
                    exp.toInstant());
        } catch (ParseException | JOSEException | NullPointerException e) {
            throw new InvalidVoiceTokenException("malformed voice token", e);
        }
    }

    private static boolean flag(Map<String, Object> permissions, String name) {
        return permissions != null && Boolean.TRUE.equals(permissions.get(name));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
