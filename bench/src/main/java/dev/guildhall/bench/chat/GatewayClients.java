package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.Progress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket clients: {@code clients} sessions through the gateway's {@code /gateway}, dealt
 * round-robin over the users (so every user has the same number of sessions), connected no faster
 * than the gateway admits upgrades from one address. Keeps how many sessions of each server are
 * READY, which is who must receive a message sent there.
 */
final class GatewayClients implements GatewaySession.Listener {

    /** Receives deliveries; swapped per step. */
    interface DeliverySink {
        void delivered(int step, int seq, long receivedNanos);
    }

    private static final int SOCKET_CLIENTS = 4;

    private final Fixture fixture;
    private final Progress progress;
    private final List<HttpClient> httpClients = new ArrayList<>();
    private final ExecutorService listenerThreads = Executors.newFixedThreadPool(4, daemon("ws-listener"));
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, daemon("ws-heartbeat"));
    private final List<GatewaySession> sessions = new ArrayList<>();
    private final AtomicIntegerArray readyPerServer;
    private final AtomicInteger ready = new AtomicInteger();
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    private final LongAdder closedAfterReady = new LongAdder();
    private volatile DeliverySink sink = (step, seq, nanos) -> { };

    GatewayClients(Fixture fixture, Progress progress) {
        this.fixture = fixture;
        this.progress = progress;
        this.readyPerServer = new AtomicIntegerArray(fixture.servers.size());
        for (int i = 0; i < SOCKET_CLIENTS; i++) {
            httpClients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).executor(listenerThreads).build());
        }
    }

    /** Connects {@code count} sessions at most {@code perSecond} upgrades a second; returns how many are READY. */
    int connect(URI gateway, int count, double perSecond) throws InterruptedException {
        URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/gateway");
        progress.say("connecting %d WebSocket clients to %s at %.0f/s", count, ws, perSecond);
        Semaphore inFlight = new Semaphore(64);
        long intervalNanos = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        long lastReport = next;
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Fixture.User user = fixture.users.get(i % fixture.users.size());
            GatewaySession session = new GatewaySession(i, user, this, heartbeats);
            sessions.add(session);
            int attempt = 0;
            while (true) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
                inFlight.acquire();
                try {
                    httpClients.get(i % SOCKET_CLIENTS).newWebSocketBuilder()
                            .connectTimeout(Duration.ofSeconds(15))
                            .buildAsync(ws, session).get(30, TimeUnit.SECONDS);
                    session.readyFuture.whenComplete((r, e) -> inFlight.release());
                    break;
                } catch (Exception e) {
                    inFlight.release();
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 429
                            && attempt++ < 20) {
                        refused.incrementAndGet();
                        long retryAfter = h.getResponse().headers().firstValue("retry-after")
                                .map(Long::parseLong).orElse(2L);
                        TimeUnit.SECONDS.sleep(Math.max(1, retryAfter));
                        continue;
                    }
                    closes.computeIfAbsent("connect failed: " + cause, k -> new LongAdder()).increment();
                    break;
                }
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                progress.say("  %d of %d connected, %d READY%s", i + 1, count, ready.get(),
                        refused.get() > 0 ? ", " + refused.get() + " upgrades refused with 429 and retried" : "");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (GatewaySession s : sessions) {
            long left = deadline - System.nanoTime();
            try {
                s.readyFuture.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // counted in closes, or still not ready: reported below
            }
        }
        progress.say("%d of %d sessions READY%s", ready.get(), count,
                refused.get() > 0 ? " (" + refused.get() + " upgrades refused with 429 and retried)" : "");
        return ready.get();
    }

    void sink(DeliverySink sink) {
        this.sink = sink;
    }

    /** Sessions of this server's members that are READY now: the recipients of a message sent there. */
    int recipients(int server) {
        return readyPerServer.get(server);
    }

    int ready() {
        return ready.get();
    }

    int sessions() {
        return sessions.size();
    }

    /** Sessions that were READY and then closed (each is an error of the step it happened in). */
    long closedAfterReady() {
        return closedAfterReady.sum();
    }

    Map<String, Long> closeReasons() {
        Map<String, Long> out = new java.util.TreeMap<>();
        closes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void ready(GatewaySession session) {
        ready.incrementAndGet();
        readyPerServer.incrementAndGet(session.user.server);
    }

    @Override
    public void delivered(int step, int seq, long receivedNanos) {
        sink.delivered(step, seq, receivedNanos);
    }

    @Override
    public void closed(GatewaySession session, boolean wasReady, String why) {
        if (wasReady) {
            ready.decrementAndGet();
            readyPerServer.decrementAndGet(session.user.server);
            closedAfterReady.increment();
        }
        closes.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    void closeAll() {
        sessions.forEach(GatewaySession::close);
        heartbeats.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
