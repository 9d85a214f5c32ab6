package dev.guildhall.bench.files;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every 200 ms during a case: the gateway's used heap from its {@code /actuator/prometheus} (only with the
 * operator token, ADR 145) and the resident memory of gateway and message-service from /proc (only with the
 * launcher's data dir, whose {@code run/<service>.pid} names them). message-service's actuator is not
 * reachable at the edge and exposes no metrics, so its heap is not sampled: RSS bounds it from above.
 * Keeps the peak of each since the last {@link #reset()}; -1 where it could not be read.
 */
final class MemorySampler implements AutoCloseable {

    record Peaks(long gatewayHeap, long gatewayRss, long messageRss) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-sampler");
        t.setDaemon(true);
        return t;
    });
    private final URI prometheus;
    private final String operatorToken;
    private final long gatewayPid;
    private final long messagePid;
    private final AtomicLong gatewayHeap = new AtomicLong(-1);
    private final AtomicLong gatewayRss = new AtomicLong(-1);
    private final AtomicLong messageRss = new AtomicLong(-1);

    MemorySampler(URI gateway, String operatorToken, Path fleetData) {
        this.prometheus = URI.create(gateway + "/actuator/prometheus");
        this.operatorToken = operatorToken;
        this.gatewayPid = pid(fleetData, "gateway-service");
        this.messagePid = pid(fleetData, "message-service");
        timer.scheduleWithFixedDelay(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** What the report can say about where the figures come from. */
    String sources() {
        return "gateway heap: " + (operatorToken == null ? "not sampled (no operator token)" : "jvm_memory_used_bytes"
                + "{area=heap} from /actuator/prometheus") + "; RSS: " + (gatewayPid > 0 || messagePid > 0
                ? "/proc/<pid>/status VmRSS" : "not sampled (no --fleet-data)") + "; every 200 ms";
    }

    void reset() {
        gatewayHeap.set(-1);
        gatewayRss.set(-1);
        messageRss.set(-1);
    }

    Peaks peaks() {
        return new Peaks(gatewayHeap.get(), gatewayRss.get(), messageRss.get());
    }

    private void sample() {
        try {
            if (operatorToken != null) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(2))
                        .header("Authorization", "Bearer " + operatorToken).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    gatewayHeap.accumulateAndGet(heapUsed(r.body()), Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a missed sample: the gateway is busy; the peak is over the samples that answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gatewayRss.accumulateAndGet(rss(gatewayPid), Math::max);
        messageRss.accumulateAndGet(rss(messagePid), Math::max);
    }

    /** The sum over the heap pools of {@code jvm_memory_used_bytes{area="heap",...}}; -1 if there is none. */
    static long heapUsed(String prometheusText) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                String value = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0];
                sum += Double.parseDouble(value);
                found = true;
            }
        }
        return found ? (long) sum : -1;
    }

    /** VmRSS of a process in bytes; -1 without one. */
    static long rss(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** The first field of a launcher pid file ({@code "pid start-epoch-millis"}); 0 without one. */
    private static long pid(Path fleetData, String service) {
        if (fleetData == null) {
            return 0;
        }
        try {
            String content = Files.readString(fleetData.resolve("run").resolve(service + ".pid")).trim();
            return Long.parseLong(content.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
