package dev.guildhall.websocket.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the real-time gateway ({@code guildhall.websocket.*}); every default is documented
 * in {@code application.yml}.
 *
 * @param instanceId       this node's name (Kafka consumer group {@code websocket-<id>}, resume
 *                         buffer owner); blank = random per start
 * @param redisUrl         resume buffers and presence
 * @param resumeGatewayUrl what READY tells clients to resume against (the public gateway URL)
 * @param apiVersion       {@code v} in READY
 * @param shutdownDrain    how long a stopping node keeps journaling for its sessions while they resume elsewhere
 */
@ConfigurationProperties("guildhall.websocket")
public record GatewayProperties(
        String instanceId,
        String redisUrl,
        String resumeGatewayUrl,
        int apiVersion,
        Heartbeat heartbeat,
        Duration identifyTimeout,
        Limits limits,
        Resume resume,
        Fanout fanout,
        Presence presence,
        Duration sweepInterval,
        Duration shutdownDrain) {

    /**
     * @param interval      sent in HELLO
     * @param timeoutFactor a connection silent for interval × factor is a zombie (close 4009)
     */
    public record Heartbeat(Duration interval, double timeoutFactor) {
        public Duration timeout() {
            return Duration.ofMillis((long) (interval.toMillis() * timeoutFactor));
        }
    }

    /**
     * @param maxPayloadBytes   largest client frame (larger → 4002)
     * @param rateLimitFrames   client frames allowed per {@code rateLimitWindow} (more → 4008)
     * @param sendQueueCapacity frames queued for a slow client before it is closed (resumable)
     */
    public record Limits(int maxPayloadBytes, int rateLimitFrames, Duration rateLimitWindow, int sendQueueCapacity) {
    }

    /**
     * @param window    how long a disconnected session may still be resumed, on any node
     * @param bufferMax dispatches kept at least per session for replay (the journal cuts back once 1/20 over it, ADR
     *                  286); older ones make RESUME fail
     */
    public record Resume(Duration window, int bufferMax) {
    }

    /**
     * @param dedupeCapacity    event ids remembered to drop redeliveries
     * @param recentRetention   how long dispatched events stay in the node's recent ring, which
     *                          closes the gap when a session moves between nodes
     * @param recentMax         upper bound of that ring
     * @param consumerConcurrency Kafka consumer threads doing the fan-out
     */
    public record Fanout(int dedupeCapacity, Duration recentRetention, int recentMax, int consumerConcurrency) {
    }

    /**
     * @param sweepInterval how often a node looks for users whose sessions all expired (a node died)
     */
    public record Presence(Duration sweepInterval) {
    }
}
