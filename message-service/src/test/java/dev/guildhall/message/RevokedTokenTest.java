package dev.guildhall.message;

import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.support.security.TokenRevocations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 10 (ADR 208): a service reached directly, without the gateway, refuses an access token that
 * auth-service revoked (service-support's resource-server configuration checks the same list in Redis).
 */
class RevokedTokenTest extends IntegrationTest {

    @Autowired
    TokenRevocations revocations;

    @Test
    void aRevokedAccessTokenIsRefusedByTheServiceItself() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long member = server.member();
        String token = stub.token(member);
        String other = stub.token(member);
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);

        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        Instant now = Instant.now();
        assertThat(revocations.revoke(Jwt.withTokenValue(token).header("alg", "RS256").subject(Long.toString(member))
                .jti(jti).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(10))).build())).isTrue();

        var refused = api.get(messages(channel), token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("INVALID_TOKEN");
        assertThat(api.get(messages(channel), other).status()).as("the user's other token").isEqualTo(200);
    }
}
