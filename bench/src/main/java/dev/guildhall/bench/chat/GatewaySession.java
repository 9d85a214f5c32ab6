package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Fixture;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client of the real-time gateway: HELLO → IDENTIFY → READY, heartbeats with the last sequence
 * number, and every MESSAGE_CREATE whose content carries the bench's marker handed to the
 * {@link Listener}. Frames are scanned, not parsed: at thousands of deliveries a second on a
 * machine the fleet shares, a JSON tree per frame would cost the bench more than it measures.
 */
final class GatewaySession implements WebSocket.Listener {

    /** Marker the sender puts in every message's content: {@code gh-bench:<step>:<seq>}. */
    static final String MARKER = "gh-bench:";

    interface Listener {
        void ready(GatewaySession session);

        void delivered(int step, int seq, long receivedNanos);

        void closed(GatewaySession session, boolean wasReady, String why);
    }

    final int index;
    final Fixture.User user;
    private final Listener listener;
    private final ScheduledExecutorService heartbeats;
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Void> readyFuture = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile long lastSeq;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> heartbeat;

    GatewaySession(int index, Fixture.User user, Listener listener, ScheduledExecutorService heartbeats) {
        this.index = index;
        this.user = user;
        this.listener = listener;
        this.heartbeats = heartbeats;
    }

    boolean isReady() {
        return ready && !closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.isEmpty()) {
            frame(data.toString());
        } else {
            partial.append(data);
            frame(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void frame(String f) {
        long now = System.nanoTime();
        int op = (int) number(f, "\"op\":");
        if (op == 0) {
            long s = number(f, "\"s\":");
            if (s > lastSeq) {
                lastSeq = s;
            }
            int marker = f.indexOf(MARKER);
            if (marker >= 0 && f.contains("\"t\":\"MESSAGE_CREATE\"")) {
                int p = marker + MARKER.length();
                int colon = f.indexOf(':', p);
                int end = colon + 1;
                while (end < f.length() && Character.isDigit(f.charAt(end))) {
                    end++;
                }
                listener.delivered(Integer.parseInt(f, p, colon, 10), Integer.parseInt(f, colon + 1, end, 10), now);
            } else if (!ready && f.contains("\"t\":\"READY\"")) {
                ready = true;
                listener.ready(this);
                readyFuture.complete(null);
            }
        } else if (op == 10) {
            long interval = number(f, "\"heartbeat_interval\":");
            long period = interval > 0 ? interval : 41_250;
            heartbeat = heartbeats.scheduleAtFixedRate(this::beat,
                    ThreadLocalRandom.current().nextLong(1000, period), period, TimeUnit.MILLISECONDS);
            send("{\"op\":2,\"d\":{\"token\":\"" + user.accessToken + "\"}}");
        } else if (op == 7 || op == 9) {
            fail("op " + op + " from the gateway");
        }
    }

    private void beat() {
        long s = lastSeq;
        send("{\"op\":1,\"d\":" + (s == 0 ? "null" : Long.toString(s)) + "}");
    }

    private void send(String text) {
        WebSocket ws = socket;
        if (ws == null || closed) {
            return;
        }
        synchronized (this) {
            try {
                ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                fail("send failed: " + e);
            }
        }
    }

    /** The first number after {@code key} (keys of the top-level frame only: op, s, heartbeat_interval). */
    static long number(String f, String key) {
        int i = f.indexOf(key);
        if (i < 0) {
            return -1;
        }
        int p = i + key.length();
        while (p < f.length() && f.charAt(p) == ' ') {
            p++;
        }
        int end = p;
        while (end < f.length() && Character.isDigit(f.charAt(end))) {
            end++;
        }
        return end == p ? -1 : Long.parseLong(f, p, end, 10);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail("closed by the gateway: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("socket error: " + error);
    }

    private void fail(String why) {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        listener.closed(this, ready, why);
        readyFuture.completeExceptionally(new IllegalStateException(why));
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Closes normally (1000): the session ends. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> ws.abort());
        }
    }
}
