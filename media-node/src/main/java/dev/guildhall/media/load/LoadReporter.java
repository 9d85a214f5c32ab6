package dev.guildhall.media.load;

import dev.guildhall.common.media.MediaNodeReport;
import dev.guildhall.common.media.MediaRedisKeys;
import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.config.MediaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the node's load to Redis on its own thread every few seconds: {@code SET media:node:<id>}
 * (a {@link MediaNodeReport}, with a TTL so a dead node vanishes) and {@code SADD media:nodes <id>}
 * (the keys of {@link MediaRedisKeys}). A Redis outage only
 * loses reports; media keeps flowing. On shutdown the node reports itself draining, then withdraws.
 */
@Component
public class LoadReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoadReporter.class);

    private final StringRedisTemplate redis;
    private final ConferenceRegistry registry;
    private final MediaProperties properties;
    private final JsonMapper json;
    private ScheduledExecutorService timer;
    private long lastNanos = System.nanoTime();
    private volatile boolean running;
    private volatile boolean redisDown;

    public LoadReporter(StringRedisTemplate redis, ConferenceRegistry registry, MediaProperties properties, JsonMapper json) {
        this.redis = redis;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    /** The report as voice-service and the gateway read it. */
    public synchronized MediaNodeReport snapshot() {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
        lastNanos = now;
        return new MediaNodeReport(properties.nodeId(), properties.signalUrl(), properties.controlUrl(),
                registry.all().size(), registry.endpointCount(),
                Math.round(registry.takePacketCount() / seconds * 10) / 10.0, cpu(), registry.draining(), Instant.now());
    }

    private static double cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? 0 : Math.round(load * 1000) / 1000.0;
        }
        return 0;
    }

    void report() {
        try {
            String key = MediaRedisKeys.node(properties.nodeId());
            redis.opsForValue().set(key, json.writeValueAsString(snapshot()), properties.reportTtl());
            redis.opsForSet().add(MediaRedisKeys.NODES, properties.nodeId());
            if (redisDown) {
                log.info("load reports reach Redis again");
                redisDown = false;
            }
        } catch (RuntimeException e) {
            if (!redisDown) {
                log.warn("load report not written (media keeps flowing): {}", e.toString());
                redisDown = true;
            }
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-reporter");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.reportInterval().toMillis();
        timer.scheduleWithFixedDelay(this::report, 0, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        registry.drain();
        report();
        awaitEndpointsMoved();
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            report();
            redis.opsForSet().remove(MediaRedisKeys.NODES, properties.nodeId());
            redis.delete(MediaRedisKeys.node(properties.nodeId()));
        } catch (RuntimeException e) {
            log.debug("could not withdraw the load report: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Draining, reported: voice-service moves each conference to another node and tells its members where
     * ({@code VOICE_SERVER_UPDATE}); until the last endpoint is gone, or the drain timeout, this node keeps forwarding
     * so that audio stops only while a member reconnects (ADR 280). Reports go on meanwhile.
     */
    private void awaitEndpointsMoved() {
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        if (properties.drainTimeout().isZero() || registry.endpointCount() == 0) {
            return;
        }
        log.info("draining: waiting up to {} ms for {} endpoint(s) to move to another node",
                properties.drainTimeout().toMillis(), registry.endpointCount());
        try {
            while (registry.endpointCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("draining done: {} endpoint(s) left", registry.endpointCount());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
