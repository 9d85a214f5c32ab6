package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.CpuSampler;
import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One load step: messages sent open-loop on a {@link RateSchedule} through the gateway, a warm-up
 * then a measured window, then a drain. Latencies start at the message's scheduled instant, not
 * when the request actually left, so a sender that falls behind shows up in the figures instead of
 * hiding them (no coordinated omission). Only messages of the measured window count.
 */
final class LoadStep implements GatewayClients.DeliverySink {

    private final int step;
    private final BenchOptions options;
    private final Fixture fixture;
    private final GatewayClients clients;
    private final HttpClient http;
    private final Progress progress;
    private final CpuSampler cpu;
    private Map<String, Double> cpuAtStart = Map.of();
    private Map<String, Double> cpuAtEnd = Map.of();
    private final RateSchedule schedule;
    private final double measuredSeconds;
    private final int warmupCount;
    private final int total;
    private final AtomicLongArray due;
    private final AtomicIntegerArray expected;
    /** 0 = not answered yet, 1 = 200, 2 = error. */
    private final AtomicIntegerArray status;
    private final AtomicIntegerArray delivered;
    private final Latency rest = new Latency();
    private final Latency delivery = new Latency();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder strayDeliveries = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private volatile long startNanos;
    private long firstMeasuredNanos;
    private long lastSentNanos;
    private final String run;

    LoadStep(int step, double rate, double measuredSeconds, BenchOptions options, Fixture fixture,
             GatewayClients clients, HttpClient http, CpuSampler cpu, Progress progress, String run) {
        this.step = step;
        this.run = run;
        this.cpu = cpu;
        this.options = options;
        this.fixture = fixture;
        this.clients = clients;
        this.http = http;
        this.progress = progress;
        this.schedule = new RateSchedule(rate, fixture.pairs.size());
        this.measuredSeconds = measuredSeconds;
        this.warmupCount = schedule.messagesIn(options.warmupSeconds());
        this.total = schedule.messagesIn(options.warmupSeconds() + measuredSeconds);
        this.due = new AtomicLongArray(total);
        this.expected = new AtomicIntegerArray(total);
        this.status = new AtomicIntegerArray(total);
        this.delivered = new AtomicIntegerArray(total);
    }

    StepResult run() throws InterruptedException {
        String load = Machine.loadAverage();
        long closedBefore = clients.closedAfterReady();
        clients.sink(this);
        progress.say("step %d: %.0f msg/s for %.0f s warm-up + %.0f s measured (%d messages), every pair every %.1f s",
                step, schedule.ratePerSecond(), options.warmupSeconds(), measuredSeconds, total,
                schedule.pairIntervalSeconds());
        startNanos = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long at = startNanos + schedule.dueNanos(i);
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            if (i == warmupCount) {
                firstMeasuredNanos = now;
                cpuAtStart = cpu.sample();
            }
            if (i >= warmupCount && now - at > maxLagNanos.get()) {
                maxLagNanos.set(now - at);
            }
            send(i, at);
        }
        lastSentNanos = System.nanoTime();
        cpuAtEnd = cpu.sample();
        long sentNanos = System.nanoTime();
        // every answer (the gateway answers or falls back within 2 s; the client gives up after 10 s)
        long answerDeadline = sentNanos + TimeUnit.SECONDS.toNanos(15);
        while (answered.sum() < total && System.nanoTime() < answerDeadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long drainDeadline = System.nanoTime() + (long) (options.drainSeconds() * 1e9);
        while (missing() > 0 && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        clients.sink((s, q, n) -> { });
        long closed = clients.closedAfterReady() - closedBefore;
        if (closed > 0) {
            errors.computeIfAbsent("sessions closed", k -> new LongAdder()).add(closed);
        }
        for (int i = warmupCount; i < total; i++) {
            if (status.get(i) == 0) {
                errors.computeIfAbsent("no answer", k -> new LongAdder()).increment();
            }
        }
        return result(load, Machine.loadAverage());
    }

    private void send(int i, long at) {
        Fixture.Pair pair = fixture.pairs.get(schedule.pair(i));
        Fixture.User user = fixture.users.get(pair.user());
        due.set(i, at);
        expected.set(i, clients.recipients(pair.server()));
        String body = "{\"content\":\"" + GatewaySession.MARKER + step + ":" + i + "\",\"nonce\":\"" + run + "-" + step
                + "-" + i + "\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(options.target() + "/api/v1/channels/" + pair.channel() + "/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + user.accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long now = System.nanoTime();
            boolean measured = i >= warmupCount;
            if (error == null && response.statusCode() == 200) {
                status.set(i, 1);
                if (measured) {
                    rest.recordNanos(now - at);
                }
            } else {
                status.set(i, 2);
                if (measured) {
                    String what = error == null ? "HTTP " + response.statusCode() + problemCode(response.body())
                            : (error.getCause() instanceof HttpTimeoutException || error instanceof HttpTimeoutException
                            ? "timed out (10 s)" : error.getClass().getSimpleName() + ": " + error.getMessage());
                    errors.computeIfAbsent(what, k -> new LongAdder()).increment();
                }
            }
            answered.increment();
        });
    }

    /** " RATE_LIMITED" from a problem+json body's {@code code}, or "". */
    static String problemCode(String body) {
        int i = body == null ? -1 : body.indexOf("\"code\":\"");
        if (i < 0) {
            return "";
        }
        int start = i + 8;
        int end = body.indexOf('"', start);
        return end > start ? " " + body.substring(start, end) : "";
    }

    @Override
    public void delivered(int step, int seq, long receivedNanos) {
        if (step != this.step || seq < 0 || seq >= total) {
            strayDeliveries.increment();
            return;
        }
        delivered.incrementAndGet(seq);
        if (seq >= warmupCount) {
            deliveries.increment();
            delivery.recordNanos(receivedNanos - due.get(seq));
        }
    }

    /** Deliveries still owed for measured messages that were accepted. */
    private long missing() {
        long missing = 0;
        for (int i = warmupCount; i < total; i++) {
            if (status.get(i) != 2) {
                missing += Math.max(0, expected.get(i) - delivered.get(i));
            }
        }
        return missing;
    }

    private StepResult result(String loadBefore, String loadAfter) {
        long expectedTotal = 0;
        long lost = 0;
        long duplicates = 0;
        long accepted = 0;
        for (int i = warmupCount; i < total; i++) {
            if (status.get(i) == 1) {
                accepted++;
                expectedTotal += expected.get(i);
                lost += Math.max(0, expected.get(i) - delivered.get(i));
                duplicates += Math.max(0, delivered.get(i) - expected.get(i));
            }
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        int measured = total - warmupCount;
        return new StepResult(step, schedule.ratePerSecond(), measuredSeconds, measured,
                measured / ((lastSentNanos - firstMeasuredNanos) / 1e9 + 1 / schedule.ratePerSecond()), accepted, rest, delivery, deliveries.sum(), expectedTotal,
                lost, duplicates, errorCounts, maxLagNanos.get() / 1e6, loadBefore, loadAfter, clients.ready(),
                CpuSampler.describe(cpuAtStart, cpuAtEnd, (lastSentNanos - firstMeasuredNanos) / 1e9, measured));
    }
}
