package dev.guildhall.bench.http;

import dev.guildhall.bench.common.Latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A wrk-like closed loop: {@code connections} requests in flight on a client with {@code threads} threads, each
 * answered (body read) before the same slot sends the next, on HTTP/1.1 keep-alive connections — so at most
 * {@code connections} connections, reused. Every request carries the next token of the rotation. Latency is from
 * sending to the last byte of the answer; a slot whose request fails outright (no answer) counts an error.
 */
final class ClosedLoop implements AutoCloseable {

    /** What one run of the loop measured. */
    record Outcome(long requests, double seconds, Latency latency, Map<Integer, Long> non2xx, long errors,
                   String firstError) {
        double perSecond() {
            return seconds > 0 ? requests / seconds : 0;
        }
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final int connections;

    ClosedLoop(int threads, int connections) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "http-load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
        this.connections = connections;
    }

    /** Runs {@code GET uri} with the tokens in rotation for {@code seconds}; waits for the requests in flight. */
    Outcome run(URI uri, List<String> tokens, double seconds) throws InterruptedException {
        Latency latency = new Latency();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        AtomicLong sequence = new AtomicLong();
        String[] firstError = new String[1];
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < connections; c++) {
            new Slot(uri, tokens, end, latency, statuses, errors, sequence, firstError, done).next();
        }
        done.await(Math.round(seconds) + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> non2xx = new TreeMap<>();
        long ok = 0;
        for (Map.Entry<Integer, LongAdder> e : statuses.entrySet()) {
            if (e.getKey() / 100 == 2) {
                ok += e.getValue().sum();
            } else {
                non2xx.put(e.getKey(), e.getValue().sum());
            }
        }
        long answered = ok + non2xx.values().stream().mapToLong(Long::longValue).sum();
        return new Outcome(answered, elapsed, latency, non2xx, errors.sum(), firstError[0]);
    }

    /** One request in flight at a time: sends, waits for the answer, records it, sends the next. */
    private final class Slot {
        private final URI uri;
        private final List<String> tokens;
        private final long end;
        private final Latency latency;
        private final Map<Integer, LongAdder> statuses;
        private final LongAdder errors;
        private final AtomicLong sequence;
        private final String[] firstError;
        private final CountDownLatch done;

        Slot(URI uri, List<String> tokens, long end, Latency latency, Map<Integer, LongAdder> statuses,
             LongAdder errors, AtomicLong sequence, String[] firstError, CountDownLatch done) {
            this.uri = uri;
            this.tokens = tokens;
            this.end = end;
            this.latency = latency;
            this.statuses = statuses;
            this.errors = errors;
            this.sequence = sequence;
            this.firstError = firstError;
            this.done = done;
        }

        void next() {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            String token = tokens.get((int) (sequence.getAndIncrement() % tokens.size()));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    errors.increment();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = failure.toString();
                        }
                    }
                } else {
                    latency.recordNanos(System.nanoTime() - sent);
                    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                }
                next();
            });
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
