package dev.guildhall.e2e;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A gateway client for scenario tests that need more than {@link GatewayClient}: a chosen URL (one
 * websocket node directly), every frame kept for "never received" checks, the last {@code s},
 * heartbeats, RESUME and a non-1000 close.
 */
final class LiveSocket implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> all = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "e2e-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final WebSocket socket;
    private volatile long lastSeq;
    private volatile String sessionId;
    private volatile JsonNode ready;

    private LiveSocket(String wsUrl) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .buildAsync(URI.create(wsUrl), this).join();
        JsonNode hello = next(f -> f.path("op").asInt() == 10, 20);
        if (hello == null) {
            throw new AssertionError("no HELLO from " + wsUrl);
        }
        long interval = Math.max(1000, hello.path("d").path("heartbeat_interval").asLong(41250));
        heartbeats.scheduleAtFixedRate(() -> {
            try {
                send("{\"op\":1,\"d\":" + (lastSeq == 0 ? "null" : Long.toString(lastSeq)) + "}");
            } catch (RuntimeException ignored) {
                // closed
            }
        }, interval / 2, interval / 2, TimeUnit.MILLISECONDS);
    }

    /** The ws:// URL of /gateway on one websocket node, e.g. {@code websocket-service-2}. */
    static String nodeUrl(String instance) {
        return E2eFleet.get().url(instance).replaceFirst("^http", "ws") + "/gateway";
    }

    /** /gateway through the API gateway. */
    static String gatewayUrl() {
        return E2eFleet.gatewayUrl().replaceFirst("^http", "ws") + "/gateway";
    }

    /** Connects, IDENTIFYs, waits for READY. */
    static LiveSocket identify(String wsUrl, String token) {
        LiveSocket s = new LiveSocket(wsUrl);
        s.send("{\"op\":2,\"d\":{\"token\":\"" + token + "\"}}");
        JsonNode ready = s.dispatch("READY", 40);
        if (ready == null) {
            s.abort();
            throw new AssertionError("no READY from " + wsUrl + "; frames: " + s.all);
        }
        s.ready = ready.path("d");
        s.sessionId = ready.path("d").path("session_id").asString();
        return s;
    }

    /** Connects and sends RESUME; the caller reads the replay. */
    static LiveSocket resume(String wsUrl, String token, String sessionId, long seq) {
        LiveSocket s = new LiveSocket(wsUrl);
        s.lastSeq = seq;
        s.sessionId = sessionId;
        s.send("{\"op\":6,\"d\":{\"token\":\"" + token + "\",\"session_id\":\"" + sessionId + "\",\"seq\":" + seq + "}}");
        return s;
    }

    void send(String json) {
        synchronized (socket) {
            socket.sendText(json, true).join();
        }
    }

    String sessionId() {
        return sessionId;
    }

    JsonNode ready() {
        return ready;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Every frame received so far, in order. */
    List<JsonNode> frames() {
        return new ArrayList<>(all);
    }

    /** The next frame matching, skipping (but keeping in {@link #frames()}) others; null on time-out. */
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

    /** The next frame of any kind; null on time-out. */
    JsonNode next(int seconds) {
        return next(f -> true, seconds);
    }

    JsonNode dispatch(String type, int seconds) {
        return next(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asString()), seconds);
    }

    /** The next dispatch of this type whose {@code d.<field>} equals {@code value}. */
    JsonNode dispatch(String type, String field, String value, int seconds) {
        return next(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asString())
                && value.equals(f.path("d").path(field).asString()), seconds);
    }

    /** Whether any frame received so far is a dispatch of this type with {@code d.<field>} = value. */
    boolean saw(String type, String field, String value) {
        return all.stream().anyMatch(f -> type.equals(f.path("t").asString())
                && value.equals(f.path("d").path(field).asString()));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = Api.JSON.readTree(partial.toString());
            partial.setLength(0);
            if (frame.path("op").asInt() == 0 && frame.hasNonNull("s")) {
                lastSeq = frame.path("s").asLong();
            }
            all.add(frame);
            frames.add(frame);
        }
        webSocket.request(1);
        return null;
    }

    /** Drops the connection as a network failure would look to the server: close code 4000, resumable. */
    void dropResumable() {
        heartbeats.shutdownNow();
        try {
            socket.sendClose(4000, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // fall through to abort
        }
        socket.abort();
    }

    void abort() {
        heartbeats.shutdownNow();
        socket.abort();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
}
