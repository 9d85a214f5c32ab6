package dev.guildhall.websocket.it;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.support.security.TokenRevocations;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 (ADR 251): a session already identified ends within seconds when its access token is revoked — by logout
 * (that token), or by "log out everywhere" and a password change (every earlier token of the user) — with 4004, and
 * so does a bot's session on the Discord dialect when its bot token is reset; a session of another token goes on.
 */
class RevokedSessionsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration CUT_WITHIN = Duration.ofSeconds(5);
    private static final long USER = 8_200_000_001L;
    private static final long OTHER = 8_200_000_002L;
    private static final long BOT = 8_200_000_010L;
    private static final String DISCORD = "/gateway/discord?v=10&encoding=json";

    static FakeUpstream upstream;
    static GatewayNode node;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        upstream.user(USER, "leaver");
        upstream.user(OTHER, "stayer");
        node = GatewayNode.start(upstream, Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void logoutEndsOnlyTheSessionOfThatToken() throws Exception {
        String phone = upstream.token(USER);
        String laptop = upstream.token(USER);
        try (GatewayClient revoked = ready(node.connect(), phone); GatewayClient kept = ready(node.connect(), laptop)) {
            assertThat(revocations().revoke(jwt(phone))).isTrue();

            assertThat(revoked.awaitClose(CUT_WITHIN)).isEqualTo(4004);
            kept.heartbeat(null);
            assertThat(kept.await(frame -> frame.path("op").asInt() == 11, WAIT)).as("HEARTBEAT_ACK").isNotNull();
            assertThat(kept.isClosed()).isFalse();
        }
    }

    @Test
    void loggingOutEverywhereEndsEveryEarlierSession() throws Exception {
        try (GatewayClient first = ready(node.connect(), upstream.token(USER));
             GatewayClient second = ready(node.connect(), upstream.token(USER));
             GatewayClient someoneElse = ready(node.connect(), upstream.token(OTHER))) {
            Thread.sleep(1100); // iat has whole seconds: tokens of the cut-off's own second survive it (ADR 208)
            assertThat(revocations().revokeAllOf(USER, Duration.ofMinutes(10))).isTrue();

            assertThat(first.awaitClose(CUT_WITHIN)).isEqualTo(4004);
            assertThat(second.awaitClose(CUT_WITHIN)).isEqualTo(4004);
            someoneElse.heartbeat(null);
            assertThat(someoneElse.await(frame -> frame.path("op").asInt() == 11, WAIT)).isNotNull();
            assertThat(someoneElse.isClosed()).isFalse();
        }
        try (GatewayClient again = node.connect()) { // a new login afterwards works
            assertThat(ready(again, upstream.token(USER)).isClosed()).isFalse();
        }
    }

    /** The Discord dialect takes bot tokens only: a bot's token reset ends its sessions there. */
    @Test
    void aResetBotTokenEndsTheBotsDiscordSessions() throws Exception {
        String bot = upstream.bot(BOT, BOT + 1, 0);
        try (GatewayClient discordSession = ready(node.connect(DISCORD), bot);
             GatewayClient person = ready(node.connect(), upstream.token(OTHER))) {
            revocations().botTokenReset(BOT);

            assertThat(discordSession.awaitClose(CUT_WITHIN)).isEqualTo(4004);
            person.heartbeat(null);
            assertThat(person.await(frame -> frame.path("op").asInt() == 11, WAIT)).isNotNull();
        }
    }

    private static GatewayClient ready(GatewayClient client, String token) throws Exception {
        assertThat(client.next(WAIT).path("op").asInt()).as("HELLO").isEqualTo(10);
        client.send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":513,\"properties\":{}}}");
        assertThat(client.awaitDispatch("READY", WAIT)).isNotNull();
        return client;
    }

    private static TokenRevocations revocations() {
        return node.bean(TokenRevocations.class);
    }

    private static Jwt jwt(String token) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(claims.getSubject()).jti(claims.getJWTID())
                .issuedAt(claims.getIssueTime().toInstant()).expiresAt(claims.getExpirationTime().toInstant()).build();
    }
}
