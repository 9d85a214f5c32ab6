package dev.guildhall.auth.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.support.IntegrationTest;
import dev.guildhall.common.security.TokenClaims;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TokenAndKeyIntegrationTest extends IntegrationTest {

    @Autowired
    KeyRing ring;

    @Autowired
    KeyRotationService rotation;

    @Autowired
    AuthProperties properties;

    @Test
    void jwksPublishesTheKeyOfAnIssuedToken() throws Exception {
        JsonNode user = newUser("tom");
        String access = tokens(user.get("username").asString()).get("access_token").asString();
        SignedJWT jwt = SignedJWT.parse(access);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        Reply jwks = get("/.well-known/jwks.json").expect(200);
        assertThat(jwks.header("Cache-Control")).contains("max-age");
        List<String> kids = kids(jwks.json());
        assertThat(kids).contains(jwt.getHeader().getKeyID());
        assertThat(jwks.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://auth.test");
        assertThat(claims.getAudience()).containsExactly("guildhall-api");
        assertThat(claims.getSubject()).isEqualTo(user.get("user_id").asString());
        assertThat(claims.getStringClaim("username")).isEqualTo(user.get("username").asString());
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void forgedOrUnfitTokensAreRefusedOnMe() throws Exception {
        JsonNode user = newUser("uma");
        String sub = user.get("user_id").asString();
        Instant now = Instant.now();

        String none = new PlainJWT(claims(sub, "guildhall-api", now.plusSeconds(300), "access")).serialize();
        assertInvalid(none);
        assertInvalid(sign(claims(sub, "another-api", now.plusSeconds(300), "access")));
        assertInvalid(sign(claims(sub, "guildhall-api", now.minusSeconds(300), "access")));
        assertInvalid(sign(claims(sub, "guildhall-api", now.plusSeconds(300), "refresh")));
        assertInvalid("not.a.jwt");
        // the control: the same construction, fit for use, is accepted
        get("/api/v1/users/@me", "Authorization", bearer(sign(claims(sub, "guildhall-api", now.plusSeconds(300),
                "access")))).expect(200);
    }

    @Test
    void rotationPublishesTheNextKeyFirstAndKeepsOldTokensValid() throws Exception {
        JsonNode user = newUser("vera");
        String before = tokens(user.get("username").asString()).get("access_token").asString();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        SigningKey next = rotation.rotateNow();
        assertThat(next.kid()).isNotEqualTo(oldKid);
        assertThat(rotation.rotateNow().kid()).as("a pending key is reused, not doubled").isEqualTo(next.kid());
        post("/internal/signing-keys/rotate", null).expect(401);
        assertThat(post("/internal/signing-keys/rotate", null, "X-Guildhall-Internal-Token", "test-internal-token")
                .expect(200).text("kid")).isEqualTo(next.kid());

        // published at once, signing only after the publish delay
        assertThat(kids(get("/.well-known/jwks.json").expect(200).json())).contains(oldKid, next.kid());
        String during = tokens(user.get("username").asString()).get("access_token").asString();
        assertThat(SignedJWT.parse(during).getHeader().getKeyID()).isEqualTo(oldKid);
        Instant activation = next.activateAt();
        assertThat(activation).isAfter(Instant.now().plus(properties.signingKeys().publishDelay()).minusSeconds(30));
        assertThat(ring.current().signingKey(activation.plusSeconds(1))).map(SigningKey::kid).hasValue(next.kid());

        // the old key stays published until the last token it may sign has expired
        SigningKey old = ring.current().byKid(oldKid).orElseThrow();
        assertThat(old.deactivateAt()).isEqualTo(activation);
        assertThat(old.retireAt()).isEqualTo(activation.plus(Duration.ofMinutes(11)));
        assertThat(kids(ring.current().publicJwks(old.retireAt().minusSeconds(1)))).contains(oldKid);
        assertThat(kids(ring.current().publicJwks(old.retireAt()))).doesNotContain(oldKid).contains(next.kid());

        // tokens already out keep working
        get("/api/v1/users/@me", "Authorization", bearer(before)).expect(200);

        // and a token signed by the new key is accepted as soon as it exists
        RSAKey nextKey = next.jwk();
        SignedJWT signedByNext = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(nextKey.getKeyID()).build(),
                claims(user.get("user_id").asString(), "guildhall-api", Instant.now().plusSeconds(300), "access"));
        signedByNext.sign(new RSASSASigner(nextKey));
        get("/api/v1/users/@me", "Authorization", bearer(signedByNext.serialize())).expect(200);
    }

    private void assertInvalid(String token) {
        Reply reply = get("/api/v1/users/@me", "Authorization", bearer(token)).expect(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text("code")).isEqualTo("INVALID_TOKEN");
    }

    private String sign(JWTClaimsSet claims) throws Exception {
        SigningKey key = ring.signingKey(Instant.now());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
        jwt.sign(new RSASSASigner(key.jwk()));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String sub, String audience, Instant expiresAt, String use) {
        return new JWTClaimsSet.Builder().issuer("http://auth.test").audience(audience).subject(sub)
                .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString()).claim(TokenClaims.TOKEN_USE, use).build();
    }

    private static List<String> kids(JsonNode jwks) {
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(k -> kids.add(k.get("kid").asString()));
        return kids;
    }

    private static List<String> kids(com.nimbusds.jose.jwk.JWKSet set) {
        return set.getKeys().stream().map(com.nimbusds.jose.jwk.JWK::getKeyID).toList();
    }
}
