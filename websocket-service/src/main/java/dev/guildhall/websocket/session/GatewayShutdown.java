package dev.guildhall.websocket.session;

import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;

/**
 * On shutdown, before the web server stops: every client gets op 7 RECONNECT and a resumable
 * close, so it resumes on another node (its session is in Redis; that node's recent-events ring
 * covers what happens while it reconnects).
 */
public class GatewayShutdown implements SmartLifecycle {

    private final SessionRegistry sessions;
    private volatile boolean running;

    public GatewayShutdown(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (GatewayConnection connection : new ArrayList<>(sessions.connections())) {
            connection.reconnect();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the web server's graceful shutdown (which runs at a lower phase)
        return Integer.MAX_VALUE;
    }
}
