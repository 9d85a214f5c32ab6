package dev.guildhall.websocket.it;

import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's WebSocket frame fuzz (ADR 252): seeded garbage — text that is not JSON, wrong {@code op} and {@code d}
 * types, unknown ops, deep nesting, frames over the limit — sent before and after IDENTIFY on the native gateway and
 * the Discord dialect. Each connection either goes on (answers the next heartbeat) or closes with a documented code
 * (Discord's 4000–4014, or RFC 6455's 1002/1003/1007/1008/1009), never 1011 or an abrupt end; a bystander session on
 * each dialect is unaffected. Replay a failure with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
class FrameFuzzTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long USER = 8_300_000_001L;
    private static final long BOT = 8_300_000_010L;
    private static final String DISCORD = "/gateway/discord?v=10&encoding=json";
    private static final int CASES_PER_DIALECT = 30;
    private static final String[] OPS = {"-1", "0", "1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "99", "\"1\"",
        "null", "1.5", "2147483648", "[]", "{}"};
    private static final String[] DATA = {"null", "\"x\"", "1", "-1", "true", "[]", "{}", "{\"token\":123}",
        "{\"token\":\"x\",\"intents\":\"a\"}", "{\"token\":\"x\",\"intents\":-1,\"properties\":[]}",
        "{\"session_id\":[],\"seq\":\"x\"}", "{\"status\":123}", "{\"since\":\"x\",\"activities\":{}}",
        "{\"guild_id\":\"abc\",\"channel_id\":{}}", "9223372036854775808", "1e400"};
    private static final String[] GARBAGE = {"not json", "{", "", "[]", "null", "\u0000", "{\"op\":", "\u00ff\u00fe",
        "{\"op\":1,\"d\":null,\"op\":2}", "{\"d\":{}}", "\"op\""};

    static FakeUpstream upstream;
    static GatewayNode node;
    /** The Discord dialect takes bot tokens only. */
    static String botToken;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        upstream.user(USER, "fuzzer");
        botToken = upstream.bot(BOT, BOT + 1, 0);
        node = GatewayNode.start(upstream, Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void garbageFramesCloseWithADocumentedCodeAndLeaveOtherSessionsAlone() throws Exception {
        long seed = Long.getLong("guildhall.fuzz.seed", 14L);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> failures = new ArrayList<>();
        try (GatewayClient nativeBystander = ready(node.connect(), false);
             GatewayClient discordBystander = ready(node.connect(DISCORD), true)) {
            for (String path : new String[] {"/gateway", DISCORD}) {
                for (int i = 0; i < CASES_PER_DIALECT; i++) {
                    boolean identified = random.nextBoolean();
                    String frame = frame(random);
                    String outcome = attempt(path, identified, frame);
                    if (outcome != null) {
                        failures.add(path + (identified ? " after READY" : " before IDENTIFY") + ": "
                                + (frame.length() > 120 ? frame.substring(0, 120) + "…" : frame) + " -> " + outcome);
                    }
                }
            }
            for (GatewayClient bystander : List.of(nativeBystander, discordBystander)) {
                bystander.drain();
                bystander.heartbeat(null);
                assertThat(bystander.await(f -> f.path("op").asInt() == 11, WAIT)).as("bystander's ACK").isNotNull();
                assertThat(bystander.isClosed()).isFalse();
            }
        }
        assertThat(failures).as("frames answered badly (seed " + seed + ")").isEmpty();
    }

    /** Null when the connection went on or closed with a documented code; else what happened. */
    private static String attempt(String path, boolean identified, String frame) throws Exception {
        GatewayClient client = identified ? ready(node.connect(path), path.equals(DISCORD)) : hello(node.connect(path));
        try {
            try {
                client.send(frame);
                client.heartbeat(null);
            } catch (RuntimeException closedMeanwhile) {
                // the server closed before the heartbeat went out: its close code is judged below
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (client.isClosed()) {
                    int code = client.awaitClose(WAIT);
                    return documented(code) ? null : "closed with " + code;
                }
                var next = client.next(Duration.ofMillis(100));
                if (next != null && next.path("op").asInt() == 11) {
                    return null; // tolerated: the connection goes on
                }
            }
            return "neither closed nor answered a heartbeat";
        } finally {
            if (!client.isClosed()) {
                client.close();
            }
        }
    }

    private static boolean documented(int code) {
        return (code >= 4000 && code <= 4014) || code == 1002 || code == 1003 || code == 1007 || code == 1008
                || code == 1009;
    }

    private static String frame(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> GARBAGE[random.nextInt(GARBAGE.length)];
            case 1 -> "[".repeat(200 + random.nextInt(5000)) + "]".repeat(10);
            case 2 -> "{\"op\":1,\"d\":\"" + "x".repeat(66_000 + random.nextInt(100_000)) + "\"}";
            case 3 -> "{\"op\":" + OPS[random.nextInt(OPS.length)] + ",\"d\":{\"a\":" + "{\"a\":".repeat(300)
                    + "1" + "}".repeat(301) + "}";
            default -> "{\"op\":" + OPS[random.nextInt(OPS.length)] + ",\"d\":" + DATA[random.nextInt(DATA.length)]
                    + (random.nextBoolean() ? ",\"s\":\"x\",\"t\":123" : "") + "}";
        };
    }

    private static GatewayClient hello(GatewayClient client) throws InterruptedException {
        assertThat(client.next(WAIT).path("op").asInt()).as("HELLO").isEqualTo(10);
        return client;
    }

    private static GatewayClient ready(GatewayClient client, boolean discord) throws InterruptedException {
        hello(client).send("{\"op\":2,\"d\":{\"token\":\"" + (discord ? botToken : upstream.token(USER))
                + "\",\"intents\":513,\"properties\":{}}}");
        assertThat(client.awaitDispatch("READY", WAIT)).isNotNull();
        return client;
    }
}
