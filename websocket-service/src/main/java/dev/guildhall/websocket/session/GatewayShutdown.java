package dev.guildhall.websocket.session;

import dev.guildhall.websocket.config.NodeLiveness;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;

/**
 * On shutdown, before Kafka and the web server stop: every client gets op 7 RECONNECT and a
 * resumable close, then the node keeps consuming and journaling for its detached sessions until
 * they have been resumed elsewhere (or the drain time is up), so a rolling restart loses nothing.
 */
public class GatewayShutdown implements SmartLifecycle {

    private final SessionRegistry sessions;
    private final NodeLiveness liveness;
    private final Duration drain;
    private volatile boolean running;

    public GatewayShutdown(SessionRegistry sessions, NodeLiveness liveness, Duration drain) {
        this.sessions = sessions;
        this.liveness = liveness;
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
        liveness.beat();
    }

    @Override
    public void stop() {
        running = false;
        sessions.drain();
        for (GatewayConnection connection : new ArrayList<>(sessions.connections())) {
            connection.reconnect();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (!sessions.sessions().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        liveness.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // above the Kafka listener containers and the web server: those stop after the drain
        return Integer.MAX_VALUE;
    }
}
