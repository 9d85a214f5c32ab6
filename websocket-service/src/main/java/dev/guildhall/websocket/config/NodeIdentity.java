package dev.guildhall.websocket.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who this node is: its instance id (configured, or random per start), its Kafka consumer group
 * ({@code websocket-<instanceId>}: every node reads every event), and the generator of session
 * ids and resume-buffer owner tokens.
 */
public final class NodeIdentity {

    private final String instanceId;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong owners = new AtomicLong();

    public NodeIdentity(String configuredId) {
        this.instanceId = configuredId == null || configuredId.isBlank()
                ? UUID.randomUUID().toString().substring(0, 8)
                // a dot separates the instance id inside owner tokens
                : configuredId.trim().replace('.', '-');
    }

    public String instanceId() {
        return instanceId;
    }

    public String consumerGroup() {
        return "websocket-" + instanceId;
    }

    /** 128 random bits, hex: unguessable, so a session cannot be resumed by someone who only knows the user. */
    public String newSessionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Unique per session object, across nodes and restarts. */
    public String nextOwnerToken() {
        return instanceId + "." + Long.toString(System.currentTimeMillis(), 36) + "." + owners.incrementAndGet();
    }
}
