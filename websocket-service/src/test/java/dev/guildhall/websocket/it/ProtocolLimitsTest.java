package dev.guildhall.websocket.it;

import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.support.security.TokenRevocations;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 8 (ADR 207): the gateway answers protocol abuse the way Discord and RFC 6455 do, with a close
 * code the client can read, never by silently going on or dropping the connection: invalid intents 4013, a
 * heartbeat that is not a sequence number 4002, RSV bits without an extension 1002, a frame over the limit 1009.
 */
class ProtocolLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long USER = 8_100_000_001L;

    static FakeUpstream upstream;
    static GatewayNode node;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        upstream.user(USER, "prober");
        node = GatewayNode.start(upstream, Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1152921504606846976", "36893488147419103232"})
    void identifyWithIntentsDiscordDoesNotDefineClosesWith4013(String intents) throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.send("{\"op\":2,\"d\":{\"token\":\"" + upstream.token(USER) + "\",\"intents\":" + intents
                    + ",\"properties\":{}}}");
            assertThat(client.awaitClose(WAIT)).isEqualTo(4013);
        }
    }

    @Test
    void aRevokedAccessTokenIsRefusedAtIdentify() throws Exception {
        // issue 14, finding 10 (ADR 208): the revocation list holds at the real-time gateway too
        String token = upstream.token(USER);
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        Instant now = Instant.now();
        assertThat(node.bean(TokenRevocations.class).revoke(Jwt.withTokenValue(token).header("alg", "RS256")
                .subject(Long.toString(USER)).jti(jti).issuedAt(now).expiresAt(now.plusSeconds(600)).build())).isTrue();
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.identify(token);
            assertThat(client.awaitClose(WAIT)).isEqualTo(4004);
        }
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.identify(upstream.token(USER));
            assertThat(client.awaitDispatch("READY", WAIT)).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "{}", "-5", "1.5"})
    void aHeartbeatWhoseDataIsNotASequenceNumberClosesWith4002(String d) throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.send("{\"op\":1,\"d\":" + d + "}");
            assertThat(client.awaitClose(WAIT)).isEqualTo(4002);
        }
    }

    @Test
    void aHeartbeatWithNullOrASequenceIsAcknowledged() throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.heartbeat(null);
            assertThat(client.next(WAIT).path("op").asInt()).isEqualTo(11);
            client.heartbeat(3L);
            assertThat(client.next(WAIT).path("op").asInt()).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024 * 1024, 16 * 1024 * 1024})
    void aFrameOverTheLimitClosesWith1009(int size) throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            String identify = "{\"op\":2,\"d\":{\"token\":\"" + "x".repeat(size) + "\",\"properties\":{}}}";
            try {
                client.send(identify);
            } catch (CompletionException refusedMidway) {
                // the server may close before the last byte is out; its close code is what counts
            }
            assertThat(client.awaitClose(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void aFrameWithRsv1AndNoNegotiatedExtensionClosesWith1002() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /gateway HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(readFrame(in)[0] & 0x0F).as("HELLO, a text frame").isEqualTo(1);

            byte[] payload = "{\"op\":1,\"d\":null}".getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(0x80 | 0x40 | 0x1); // FIN, RSV1, text
            out.write(0x80 | payload.length);
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();

            byte[] frame;
            do {
                frame = readFrame(in);
            } while ((frame[0] & 0x0F) != 0x8);
            int code = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
            assertThat(code).isEqualTo(1002);
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** One unmasked server frame: its first byte, then its payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] frame = new byte[(int) length + 1];
        frame[0] = (byte) first;
        in.readFully(frame, 1, (int) length);
        return frame;
    }
}
