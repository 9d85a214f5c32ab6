package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.JsonHttp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The steady load: one sender per channel, sending every {@code channels / rate} seconds on a fixed schedule
 * (a late send is not made up with a burst), one at a time per channel so that a channel's order is the order
 * of its sequence numbers, rotating over the server's members. Every attempt is recorded before it is made. Each
 * message has a nonce; with {@code busyRetries} a send refused for a moment (429 {@code OVERLOADED} or 503, with a
 * {@code Retry-After} of at most 10 s) is sent again after that time, and one that got no answer (a connection
 * refused or reset) after a second, with the same nonce, up to that many times — as the web client does — and its
 * attempt records the last answer, the retries and the whole time taken.
 */
final class Sends {

    /** How a send ended. */
    enum Outcome { ACKED, REFUSED_FAST, FAILED_FAST, HUNG }

    /** One attempt: channel and sequence number (its content), the phase it started in, how it ended. */
    static final class Attempt {
        final int channel;
        final int seq;
        final int phase;
        final long startNanos;
        volatile long endNanos;
        volatile Outcome outcome;
        volatile int status;
        volatile String messageId;
        volatile int retries;

        Attempt(int channel, int seq, int phase, long startNanos) {
            this.channel = channel;
            this.seq = seq;
            this.phase = phase;
            this.startNanos = startNanos;
        }

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    static final long HANG_NANOS = 2_000_000_000L;
    private static final long MAX_RETRY_AFTER_SECONDS = 10;
    private static final long NO_ANSWER_RETRY_SECONDS = 1;

    /** (channel << 32 | seq) → attempt. */
    final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
    private final Fixture fixture;
    private final List<String> channelIds;
    private final List<Integer> channelServer;
    private final URI gateway;
    private final double rate;
    private final IntSupplier phase;
    private final int busyRetries;
    private final String nonceBase = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean stopped;

    Sends(Fixture fixture, List<String> channelIds, List<Integer> channelServer, URI gateway, double rate,
          IntSupplier phase, int busyRetries) {
        this.fixture = fixture;
        this.channelIds = channelIds;
        this.channelServer = channelServer;
        this.gateway = gateway;
        this.rate = rate;
        this.phase = phase;
        this.busyRetries = busyRetries;
    }

    static long key(int channel, int seq) {
        return ((long) channel << 32) | seq;
    }

    void start() {
        long interval = (long) (1e9 * channelIds.size() / rate);
        long base = System.nanoTime();
        for (int c = 0; c < channelIds.size(); c++) {
            int channel = c;
            long first = base + interval * c / channelIds.size();
            Thread t = new Thread(() -> run(channel, first, interval), "chaos-send-" + c);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
    }

    private void run(int channel, long first, long interval) {
        List<Integer> members = fixture.servers.get(channelServer.get(channel)).members();
        long due = first;
        int seq = 0;
        while (!stopped) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            seq++;
            Fixture.User user = fixture.users.get(members.get(seq % members.size()));
            send(channel, seq, user);
            due += interval;
            long now = System.nanoTime();
            if (due < now) {
                due = now; // behind (a slow or hung send): carry on at the rate, no burst
            }
        }
    }

    private void send(int channel, int seq, Fixture.User user) {
        Attempt a = new Attempt(channel, seq, phase.getAsInt(), System.nanoTime());
        attempts.put(key(channel, seq), a);
        String body = "{\"content\":\"" + ChaosClient.MARKER + channel + ":" + seq + "\",\"nonce\":\"" + nonceBase + "-"
                + channel + "-" + seq + "\"}";
        for (int attempt = 0; ; attempt++) {
            long retryAfter = post(a, channel, user, body);
            if (retryAfter < 0 || attempt >= busyRetries || Thread.currentThread().isInterrupted()) {
                return;
            }
            a.retries++;
            try {
                TimeUnit.SECONDS.sleep(retryAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One request of {@code a}'s send; the seconds to wait before sending it again if it was refused for a moment, else -1. */
    private long post(Attempt a, int channel, Fixture.User user, String body) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(gateway + "/api/v1/channels/" + channelIds.get(channel) + "/messages"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + user.accessToken)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            a.endNanos = System.nanoTime();
            a.status = r.statusCode();
            long retryAfter = r.headers().firstValue("retry-after").map(Sends::seconds).orElse(-1L);
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                a.messageId = JsonHttp.JSON.readTree(r.body()).path("message_id").asString();
                a.outcome = Outcome.ACKED;
                return -1;
            }
            boolean refused = (r.statusCode() == 503 || r.statusCode() == 429) && retryAfter >= 0;
            a.outcome = a.endNanos - started > HANG_NANOS ? Outcome.HUNG
                    : refused ? Outcome.REFUSED_FAST : Outcome.FAILED_FAST;
            boolean busy = refused && (r.statusCode() == 503 || r.body().contains("\"OVERLOADED\""));
            return busy && retryAfter <= MAX_RETRY_AFTER_SECONDS ? retryAfter : -1;
        } catch (HttpTimeoutException e) {
            a.endNanos = System.nanoTime();
            a.outcome = Outcome.HUNG;
        } catch (InterruptedException e) {
            a.endNanos = System.nanoTime();
            a.outcome = Outcome.FAILED_FAST;
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no answer (a connection refused or reset): the web client tries again after a second
            a.endNanos = System.nanoTime();
            a.outcome = a.endNanos - started > HANG_NANOS ? Outcome.HUNG : Outcome.FAILED_FAST;
            return NO_ANSWER_RETRY_SECONDS;
        }
        return -1;
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : senders) {
            t.join(15_000);
        }
    }
}
