package dev.guildhall.websocket.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** A gateway client on the JDK's WebSocket: records every frame and the close code. */
public final class GatewayClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** zlib-stream: one inflater for the connection; a message is complete when it ends in 00 00 ff ff. */
    private final Inflater inflater = new Inflater();
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    /** How many binary frames arrived (zlib-stream sends nothing else). */
    private final AtomicInteger binaryFrames = new AtomicInteger();

    public static GatewayClient connect(int port) {
        return connect(port, "/gateway");
    }

    /** {@code pathAndQuery}: e.g. {@code /gateway/discord?v=10&encoding=json&compress=zlib-stream}. */
    public static GatewayClient connect(int port, String pathAndQuery) {
        GatewayClient client = new GatewayClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client)
                .join();
        return client;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        compressed.writeBytes(bytes);
        byte[] all = compressed.toByteArray();
        int n = all.length;
        if (last && n >= 4 && all[n - 4] == 0 && all[n - 3] == 0 && all[n - 2] == (byte) 0xff
                && all[n - 1] == (byte) 0xff) {
            binaryFrames.incrementAndGet();
            compressed.reset();
            inflater.setInput(all);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int read;
                while ((read = inflater.inflate(buffer)) > 0) {
                    json.write(buffer, 0, read);
                }
            } catch (DataFormatException e) {
                closed.complete(-1);
                throw new IllegalStateException("not a zlib stream", e);
            }
            frames.add(JSON.readTree(json.toString(StandardCharsets.UTF_8)));
        }
        webSocket.request(1);
        return null;
    }

    public int binaryFrames() {
        return binaryFrames.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JSON.readTree(partial.toString()));
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

    public GatewayClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    public GatewayClient identify(String token) {
        return send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"properties\":{\"os\":\"test\"}}}");
    }

    public GatewayClient resume(String token, String sessionId, long seq) {
        return send("{\"op\":6,\"d\":{\"token\":\"" + token + "\",\"session_id\":\"" + sessionId + "\",\"seq\":" + seq + "}}");
    }

    public GatewayClient heartbeat(Long seq) {
        return send("{\"op\":1,\"d\":" + seq + "}");
    }

    public GatewayClient presence(String status) {
        return send("{\"op\":3,\"d\":{\"status\":\"" + status + "\",\"since\":null,\"afk\":false,\"activities\":[]}}");
    }

    /** The next frame, or null after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame matching, skipping others; fails after the timeout. */
    public JsonNode await(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame == null) {
                break;
            }
            if (matching.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
        throw new AssertionError("no matching frame within " + timeout + "; saw " + skipped);
    }

    public JsonNode awaitDispatch(String type, Duration timeout) throws InterruptedException {
        return await(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asString()), timeout);
    }

    /** Frames received so far and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    public int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close frame (a network failure). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(4000, "bye");
        }
        socket.abort();
    }
}
