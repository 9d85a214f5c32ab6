package dev.guildhall.support.lifecycle;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a stopping service does (ADR 276): keep serving for {@code guildhall.shutdown.drain-delay} while its
 * readiness already says {@code REFUSING_TRAFFIC} (Spring Boot publishes it as the context starts closing), so whoever
 * routes to it — the gateway beside a standby instance, a Kubernetes endpoint controller — takes it out of rotation
 * before the web server's graceful shutdown stops accepting requests. Kubernetes' {@code preStop} sleep does the same
 * outside the process; this is for the embedded launcher, which has none. Zero (the default) stops at once.
 */
public class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration delay;
    private volatile boolean running;

    public ShutdownDrain(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (delay.isZero()) {
            return;
        }
        log.info("readiness is REFUSING_TRAFFIC; serving {} ms more before the web server stops", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before every other lifecycle bean: the web server, listeners and relays all keep working meanwhile. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    public Duration delay() {
        return delay;
    }
}
