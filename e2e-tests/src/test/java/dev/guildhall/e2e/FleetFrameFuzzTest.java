package dev.guildhall.e2e;

import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's WebSocket frame fuzz against the running fleet: seeded garbage — text that is not JSON, wrong
 * {@code op}/{@code d} types, unknown ops, deep nesting, a frame over the size limit — sent through the API gateway's
 * {@code /gateway} before and after IDENTIFY. Each connection either goes on (answers the next heartbeat) or closes
 * with a documented code (Discord's 4000–4014, RFC 6455's 1002/1003/1007/1008/1009), never 1011 or an abrupt end
 * (websocket-service's {@code FrameFuzzTest} does the same on one node without the gateway, on both dialects); a
 * bystander session stays up. Replay another run with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
class FleetFrameFuzzTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CASES = 24;
    private static final String[] OPS = {"-1", "0", "1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "99", "\"1\"",
        "null", "1.5", "2147483648", "[]", "{}"};
    private static final String[] DATA = {"null", "\"x\"", "1", "-1", "true", "[]", "{}", "{\"token\":123}",
        "{\"token\":\"x\",\"intents\":\"a\"}", "{\"token\":\"x\",\"intents\":-1,\"properties\":[]}",
        "{\"session_id\":[],\"seq\":\"x\"}", "{\"status\":123}", "{\"since\":\"x\",\"activities\":{}}",
        "{\"guild_id\":\"abc\",\"channel_id\":{}}", "9223372036854775808", "1e400"};
    private static final String[] GARBAGE = {"not json", "{", "", "[]", "null", "\u0000", "{\"op\":", "\u00ff\u00fe",
        "{\"op\":1,\"d\":null,\"op\":2}", "{\"d\":{}}", "\"op\""};

    @Test
    void garbageFramesThroughTheGatewayCloseWithADocumentedCode() throws Exception {
        long seed = Long.getLong("guildhall.fuzz.seed", 14L);
        SplittableRandom random = new SplittableRandom(seed);
        Api api = Scenario.api();
        User user = Scenario.register(api, "frames");
        Scenario.server(api, user);
        List<String> failures = new ArrayList<>();
        try (Socket bystander = Socket.open()) {
            bystander.identify(user.token());
            for (int i = 0; i < CASES; i++) {
                boolean identified = random.nextBoolean();
                String frame = frame(random);
                String outcome = attempt(user.token(), identified, frame);
                if (outcome != null) {
                    failures.add((identified ? "after READY" : "before IDENTIFY") + ": "
                            + (frame.length() > 120 ? frame.substring(0, 120) + "…" : frame) + " -> " + outcome);
                }
            }
            bystander.send("{\"op\":1,\"d\":null}");
            assertThat(bystander.awaitOp(11)).as("the bystander's heartbeat ACK").isTrue();
        }
        assertThat(failures).as("frames answered badly through the gateway (seed " + seed + ")").isEmpty();
    }

    /** Null when the connection went on or closed with a documented code; else what happened. */
    private static String attempt(String token, boolean identified, String frame) throws Exception {
        try (Socket socket = Socket.open()) {
            if (identified) {
                socket.identify(token);
            }
            try {
                socket.send(frame);
                socket.send("{\"op\":1,\"d\":null}");
            } catch (RuntimeException closedMeanwhile) {
                // the server closed before the heartbeat went out: its close code is judged below
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (socket.closed.isDone()) {
                    int code = socket.closed.get();
                    return documented(code) ? null : "closed with " + code;
                }
                String next = socket.frames.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.replace(" ", "").matches("(?s).*\"op\":11[,}].*")) {
                    return null; // tolerated: the connection goes on
                }
            }
            return "neither closed nor answered a heartbeat";
        }
    }

    private static boolean documented(int code) {
        return (code >= 4000 && code <= 4014) || code == 1002 || code == 1003 || code == 1007 || code == 1008
                || code == 1009;
    }

    /** A frame over the 64 KiB limit is answered by the gateway itself with 1009 (ADR 207 at the edge). */
    @Test
    void anOversizedFrameThroughTheGatewayIsClosedWith1009() throws Exception {
        try (Socket socket = Socket.open()) {
            socket.send("{\"op\":1,\"d\":\"" + "x".repeat(100_000) + "\"}");
            assertThat(socket.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    private static String frame(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> GARBAGE[random.nextInt(GARBAGE.length)];
            case 1 -> "[".repeat(200 + random.nextInt(5000)) + "]".repeat(10);
            case 2 -> "{\"op\":" + OPS[random.nextInt(OPS.length)] + ",\"d\":{\"a\":" + "{\"a\":".repeat(300)
                    + "1" + "}".repeat(301) + "}";
            default -> "{\"op\":" + OPS[random.nextInt(OPS.length)] + ",\"d\":" + DATA[random.nextInt(DATA.length)]
                    + (random.nextBoolean() ? ",\"s\":\"x\",\"t\":123" : "") + "}";
        };
    }

    /** A bare client of /gateway through the API gateway: every text frame, and how it closed (1006 if abruptly). */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Socket open() throws InterruptedException {
            Socket s = new Socket();
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(15))
                    .buildAsync(URI.create(LiveSocket.gatewayUrl()), s).join();
            assertThat(s.awaitOp(10)).as("HELLO").isTrue();
            return s;
        }

        void identify(String token) throws InterruptedException {
            send("{\"op\":2,\"d\":{\"token\":\"" + token + "\"}}");
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                String next = frames.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.contains("\"READY\"")) {
                    return;
                }
            }
            throw new AssertionError("no READY through the gateway");
        }

        void send(String text) {
            synchronized (this) {
                socket.sendText(text, true).join();
            }
        }

        boolean awaitOp(int op) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String next = frames.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.replace(" ", "").matches("(?s).*\"op\":" + op + "[,}].*")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }

        @Override
        public void close() {
            if (!closed.isDone()) {
                socket.abort();
            }
        }
    }
}
