package dev.guildhall.bench.bots;

import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.JsonHttp;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bot on the Discord-dialect gateway, as discord.js or JDA would be: HELLO, IDENTIFY with its token and the
 * GUILDS | GUILD_MESSAGES intents, heartbeats at the interval it is told. Every MESSAGE_CREATE of a person's message
 * counts; its delay is the arrival time minus the message's creation time, read from the snowflake id (same machine,
 * same clock).
 */
final class BotSession implements WebSocket.Listener {

    /** Discord's epoch, which Guildhall's snowflakes share. */
    static final long EPOCH = 1_420_070_400_000L;
    static final int INTENTS = 1 | 1 << 9;

    private final String token;
    private final String botUserId;
    private final Latency delays;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile long measureFromMillis = Long.MAX_VALUE;
    private volatile long measureUntilMillis = Long.MAX_VALUE;
    private volatile Long sequence;
    private volatile WebSocket socket;
    private ScheduledFuture<?> heartbeats;
    private volatile String closedWith;

    BotSession(String token, String botUserId, Latency delays, ScheduledExecutorService timer) {
        this.token = token;
        this.botUserId = botUserId;
        this.delays = delays;
        this.timer = timer;
    }

    CompletableFuture<Void> connect(HttpClient http, URI gatewayUrl) {
        http.newWebSocketBuilder().buildAsync(gatewayUrl, this).whenComplete((ws, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            }
        });
        return ready;
    }

    /** Counts the dispatches of messages created in [from, until) (epoch ms). */
    void measure(long fromMillis, long untilMillis) {
        measureFromMillis = fromMillis;
        measureUntilMillis = untilMillis;
        measuring.set(true);
    }

    long received() {
        return received.get();
    }

    String closedWith() {
        return closedWith;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handle(webSocket, frame);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, String frame) {
        long now = System.currentTimeMillis();
        JsonNode payload = JsonHttp.JSON.readTree(frame);
        int op = payload.path("op").asInt(-1);
        if (!payload.path("s").isNull() && payload.has("s")) {
            sequence = payload.path("s").asLong();
        }
        switch (op) {
            case 10 -> {
                long interval = payload.path("d").path("heartbeat_interval").asLong(41_250);
                heartbeats = timer.scheduleAtFixedRate(this::heartbeat, interval / 2, interval, TimeUnit.MILLISECONDS);
                webSocket.sendText(JsonHttp.JSON.writeValueAsString(Map.of("op", 2, "d", Map.of(
                        "token", token, "intents", INTENTS,
                        "properties", Map.of("os", "linux", "browser", "guildhall-bench", "device", "guildhall-bench")))),
                        true);
            }
            case 0 -> {
                String type = payload.path("t").asString();
                if ("READY".equals(type)) {
                    ready.complete(null);
                } else if ("MESSAGE_CREATE".equals(type) && measuring.get()) {
                    JsonNode d = payload.path("d");
                    if (botUserId.equals(d.path("author").path("id").asString())) {
                        return;
                    }
                    long created = (Long.parseLong(d.path("id").asString()) >> 22) + EPOCH;
                    if (created >= measureFromMillis && created < measureUntilMillis) {
                        received.incrementAndGet();
                        delays.recordNanos(Math.max(0, now - created) * 1_000_000L);
                    }
                }
            }
            case 9 -> closedWith = "INVALID_SESSION";
            default -> {
                // heartbeat ACKs and the rest
            }
        }
    }

    private void heartbeat() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendText("{\"op\":1,\"d\":" + sequence + "}", true);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith = statusCode + " " + reason;
        ready.completeExceptionally(new IllegalStateException("gateway closed " + closedWith));
        stopHeartbeats();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith = String.valueOf(error);
        ready.completeExceptionally(error);
        stopHeartbeats();
    }

    void close() {
        stopHeartbeats();
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
        }
    }

    private void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }
}
