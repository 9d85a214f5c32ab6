package dev.guildhall.e2e;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real-time client as the web client uses it: /gateway through the gateway, HELLO, IDENTIFY, DISPATCH. */
final class GatewayClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private GatewayClient(String wsUrl) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl), this).join();
    }

    /** Connects, identifies and waits for READY. */
    static GatewayClient connect(String gatewayHttpUrl, String token) {
        GatewayClient client = new GatewayClient(gatewayHttpUrl.replaceFirst("^http", "ws") + "/gateway");
        JsonNode hello = client.next(f -> f.path("op").asInt() == 10, 15);
        if (hello == null) {
            throw new AssertionError("no HELLO");
        }
        client.send("{\"op\":2,\"d\":{\"token\":\"" + token + "\"}}");
        if (client.dispatch("READY", 30) == null) {
            throw new AssertionError("no READY");
        }
        return client;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame matching, skipping others; null on time-out. */
    JsonNode next(Predicate<JsonNode> matching, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null && matching.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    JsonNode dispatch(String type, int seconds) {
        return next(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asString()), seconds);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Api.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
}
