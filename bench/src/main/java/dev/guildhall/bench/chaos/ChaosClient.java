package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.JsonHttp;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat client that behaves like the web client when things break: it keeps its session id and the last
 * sequence number, and when its socket drops (a node or the gateway killed, op 7 RECONNECT) it connects again and
 * RESUMEs; when the resume is refused (op 9) it IDENTIFYs afresh and re-fetches the history of its channels from
 * the last message it saw, as a client does to fill the gap. It records every chat message it is shown, by id,
 * with the sender's per-channel sequence number from the content ({@code gh-chaos:<channel>:<seq>}).
 */
final class ChaosClient implements WebSocket.Listener {

    static final String MARKER = "gh-chaos:";

    /** One MESSAGE_CREATE dispatched to this client. */
    record Seen(String messageId, int channel, int seq, long nanos, long s, long connection) {
    }

    final int index;
    final Fixture.User user;
    /** Global channel indexes of the user's server. */
    final List<Integer> channels;
    private final Map<Integer, String> channelIds;
    private final URI gateway;
    private final HttpClient http;
    private final ScheduledExecutorService timer;

    /** Dispatches in the order received. */
    final List<Seen> dispatched = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Ids filled in from history after a refused resume. */
    final Set<String> fromHistory = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> lastSeenId = new ConcurrentHashMap<>();
    /** Per channel, where the next re-read starts: the last id seen when it was asked for ("0": none seen). */
    private final Map<Integer, String> refetchAfter = new ConcurrentHashMap<>();
    private static final String NOTHING_SEEN = "0";
    final AtomicInteger resumed = new AtomicInteger();
    final AtomicInteger reidentified = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile String sessionId;
    private volatile long seq;
    private volatile boolean ready;
    private volatile boolean stopped;
    private volatile boolean refetchOnReady;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile long connectGeneration;
    private final AtomicBoolean refetching = new AtomicBoolean();
    private final AtomicBoolean refetchAgain = new AtomicBoolean();

    ChaosClient(int index, Fixture.User user, Map<Integer, String> channelIds, URI gateway, HttpClient http,
                ScheduledExecutorService timer) {
        this.index = index;
        this.user = user;
        this.channelIds = channelIds;
        this.channels = List.copyOf(channelIds.keySet());
        this.gateway = gateway;
        this.http = http;
        this.timer = timer;
    }

    boolean isReady() {
        return ready && !stopped;
    }

    void connect() {
        if (stopped) {
            return;
        }
        long generation = ++connectGeneration;
        URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/gateway");
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(ws, this)
                .whenComplete((w, e) -> {
                    if (e != null && generation == connectGeneration) {
                        long delay = 1000;
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        if (cause instanceof WebSocketHandshakeException h) {
                            delay = 1000 * h.getResponse().headers().firstValue("retry-after")
                                    .map(Long::parseLong).orElse(1L);
                        }
                        retryIn(delay);
                    }
                });
    }

    private void retryIn(long millis) {
        if (!stopped) {
            reconnects.incrementAndGet();
            timer.schedule(this::connect, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (webSocket == socket) {
            partial.append(data);
            if (last) {
                String f = partial.toString();
                partial.setLength(0);
                try {
                    frame(JsonHttp.JSON.readTree(f));
                } catch (RuntimeException e) {
                    // a frame we cannot read is the gateway's defect, not a reason to stop observing
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    private void frame(JsonNode f) {
        int op = f.path("op").asInt(-1);
        switch (op) {
            case 0 -> dispatch(f);
            case 10 -> {
                long interval = f.path("d").path("heartbeat_interval").asLong(41_250);
                ScheduledFuture<?> old = heartbeat;
                if (old != null) {
                    old.cancel(false);
                }
                heartbeat = timer.scheduleAtFixedRate(this::beat, interval / 2, interval, TimeUnit.MILLISECONDS);
                String s = sessionId;
                if (s != null) {
                    send("{\"op\":6,\"d\":{\"token\":\"" + user.accessToken + "\",\"session_id\":\"" + s
                            + "\",\"seq\":" + seq + "}}");
                } else {
                    identify();
                }
            }
            case 9 -> {
                // the session is gone: start a new one and fill the gap from history, as a client does
                sessionId = null;
                seq = 0;
                refetchOnReady = true;
                reidentified.incrementAndGet();
                timer.schedule(this::identify, 500, TimeUnit.MILLISECONDS);
            }
            case 7 -> drop("op 7 RECONNECT");
            default -> {
            }
        }
    }

    private void identify() {
        send("{\"op\":2,\"d\":{\"token\":\"" + user.accessToken + "\"}}");
    }

    private void dispatch(JsonNode f) {
        long s = f.path("s").asLong(0);
        if (s > seq) {
            seq = s;
        }
        String t = f.path("t").asString("");
        JsonNode d = f.path("d");
        switch (t) {
            case "READY" -> {
                sessionId = d.path("session_id").asString(null);
                ready = true;
                firstReady.complete(null);
                if (refetchOnReady) {
                    refetchOnReady = false;
                    refetchInBackground();
                }
            }
            case "SERVER_CREATE" -> {
                // the server was unavailable (its snapshot could not be loaded when the session started, or it
                // was lost): its messages of the meantime were not delivered, so fill the gap as the web client
                // does when it shows a channel of a server that became available
                if (ready) {
                    refetchInBackground();
                }
            }
            case "RESUMED" -> {
                ready = true;
                resumed.incrementAndGet();
            }
            case "MESSAGE_CREATE" -> {
                String content = d.path("content").asString("");
                if (!content.startsWith(MARKER)) {
                    return;
                }
                String[] parts = content.substring(MARKER.length()).split(":");
                int channel = Integer.parseInt(parts[0]);
                String id = d.path("message_id").asString();
                dispatched.add(new Seen(id, channel, Integer.parseInt(parts[1]), System.nanoTime(), s,
                        connectGeneration));
                lastSeenId.merge(channel, id, ChaosClient::newer);
            }
            default -> {
            }
        }
    }

    /**
     * One re-fetch at a time; one asked for while another runs starts again when it ends. The gap starts after the
     * last message seen when it is asked for: live dispatches of the new session, which can arrive before the re-read
     * runs, must not move its start past the messages that were missed.
     */
    private void refetchInBackground() {
        for (int channel : channels) {
            refetchAfter.merge(channel, lastSeenId.getOrDefault(channel, NOTHING_SEEN), ChaosClient::older);
        }
        refetchAgain.set(true);
        if (!refetching.compareAndSet(false, true)) {
            return;
        }
        Thread refetch = new Thread(() -> {
            try {
                while (refetchAgain.getAndSet(false)) {
                    refetchHistory();
                }
            } finally {
                refetching.set(false);
            }
        }, "chaos-refetch-" + index);
        refetch.setDaemon(true);
        refetch.start();
    }

    /** Every message of the user's channels after the last one seen there, page by page (oldest pages first). */
    private void refetchHistory() {
        for (int channel : channels) {
            String from = refetchAfter.remove(channel);
            if (from == null) {
                continue;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String after = NOTHING_SEEN.equals(from) ? null : from;
            while (!stopped && System.nanoTime() < deadline) {
                String path = "/api/v1/channels/" + channelIds.get(channel) + "/messages?limit=100"
                        + (after == null ? "" : "&after=" + after);
                JsonNode page;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                            .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + user.accessToken)
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        Thread.sleep(1000);
                        continue;
                    }
                    page = JsonHttp.JSON.readTree(r.body());
                } catch (Exception e) {
                    sleepQuietly(1000);
                    continue;
                }
                String newest = after;
                for (JsonNode m : page) {
                    String id = m.path("message_id").asString();
                    fromHistory.add(id);
                    newest = newest == null ? id : newer(newest, id);
                }
                if (page.size() < 100 || after == null) {
                    break;
                }
                after = newest;
            }
            if (after != null) {
                lastSeenId.merge(channel, after, ChaosClient::newer);
            }
        }
    }

    private static String newer(String a, String b) {
        return Long.parseLong(a) >= Long.parseLong(b) ? a : b;
    }

    private static String older(String a, String b) {
        return Long.parseLong(a) <= Long.parseLong(b) ? a : b;
    }

    private void beat() {
        send("{\"op\":1,\"d\":" + (seq == 0 ? "null" : Long.toString(seq)) + "}");
    }

    private void send(String text) {
        WebSocket ws = socket;
        if (ws == null || stopped) {
            return;
        }
        synchronized (this) {
            try {
                ws.sendText(text, true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                drop("send failed: " + e);
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (webSocket == socket) {
            drop("closed " + statusCode);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (webSocket == socket) {
            drop("error " + error);
        }
    }

    /** The connection is gone: keep the session and RESUME over a new one, after a second. */
    private synchronized void drop(String why) {
        WebSocket ws = socket;
        if (ws == null || stopped) {
            return;
        }
        socket = null;
        ready = false;
        ScheduledFuture<?> hb = heartbeat;
        if (hb != null) {
            hb.cancel(false);
        }
        ws.abort();
        retryIn(1000);
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> hb = heartbeat;
        if (hb != null) {
            hb.cancel(false);
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
