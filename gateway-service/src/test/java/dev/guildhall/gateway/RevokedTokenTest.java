package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import dev.guildhall.support.security.TokenRevocations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 10 at the edge (ADR 208): an access token auth-service revoked (logout, password change, log
 * out everywhere) is refused by the gateway at once, in the real Redis, while the user's other and later tokens
 * still pass.
 */
class RevokedTokenTest extends GatewayIntegrationTest {

    private static final String PATH = "/api/v1/servers/42/members";

    @Autowired
    TokenRevocations revocations;

    @Test
    void aRevokedTokenIsRefusedAndTheUsersOtherTokenStillPasses() {
        String userId = newUserId();
        String jti = UUID.randomUUID().toString();
        String revoked = TOKENS.with(userId, claims -> claims.jwtID(jti));
        String other = TOKENS.access(userId);
        assertThat(http.get(PATH, revoked).statusCode()).isEqualTo(200);

        assertThat(revocations.revoke(jwt(userId, jti, Instant.now()))).isTrue();

        assertInvalid(http.get(PATH, revoked));
        assertThat(http.get(PATH, other).statusCode()).isEqualTo(200);
    }

    @Test
    void loggingOutEverywhereRefusesEveryEarlierTokenButNotTheNextLogin() throws Exception {
        String userId = newUserId();
        String earlier = TOKENS.with(userId, claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(60))));
        String stranger = TOKENS.with(newUserId(), claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(60))));

        assertThat(revocations.revokeAllOf(Long.parseLong(userId), Duration.ofMinutes(10))).isTrue();

        assertInvalid(http.get(PATH, earlier));
        assertThat(http.get(PATH, stranger).statusCode()).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(http.get(PATH, TOKENS.access(userId)).statusCode()).as("a login after it").isEqualTo(200);
    }

    private static void assertInvalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.json(response).get("code").asString()).isEqualTo("INVALID_TOKEN");
    }

    private static Jwt jwt(String userId, String jti, Instant issued) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(userId).jti(jti)
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(10))).build();
    }
}
