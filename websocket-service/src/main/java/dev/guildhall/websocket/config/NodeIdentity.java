package dev.guildhall.websocket.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who this node is: its instance id (configured, or random per start), its Kafka consumer group
 * ({@code websocket-<instanceId>}: every node reads every event), this process's incarnation, and the generator of
 * session ids and resume-buffer owner tokens.
 *
 * <p>The incarnation ({@code <instanceId>~<random>}) tells two processes of one configured instance id apart: a node
 * restarted after a crash keeps its id (its consumer group, its place in the gateway's list) but is not the owner of
 * the sessions its previous process held, which stopped journaling when it died (ADR 270).
 */
public final class NodeIdentity {

    /** Separates the instance id from the per-process part of an incarnation; never part of an instance id. */
    static final char INCARNATION_SEPARATOR = '~';

    private final String instanceId;
    private final String incarnation;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong owners = new AtomicLong();

    public NodeIdentity(String configuredId) {
        this.instanceId = configuredId == null || configuredId.isBlank()
                ? UUID.randomUUID().toString().substring(0, 8)
                // a dot separates the instance id inside owner tokens
                : configuredId.trim().replace('.', '-').replace(INCARNATION_SEPARATOR, '-');
        byte[] process = new byte[4];
        random.nextBytes(process);
        this.incarnation = instanceId + INCARNATION_SEPARATOR + HexFormat.of().formatHex(process);
    }

    public String instanceId() {
        return instanceId;
    }

    /** This process of the node: {@code <instanceId>~<8 hex>}, new at every start. */
    public String incarnation() {
        return incarnation;
    }

    /** The instance id part of an incarnation. */
    static String instanceOf(String incarnation) {
        int separator = incarnation.indexOf(INCARNATION_SEPARATOR);
        return separator < 0 ? incarnation : incarnation.substring(0, separator);
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

    /** Unique per session object, across nodes and restarts; starts with this process's incarnation. */
    public String nextOwnerToken() {
        return incarnation + "." + Long.toString(System.currentTimeMillis(), 36) + "." + owners.incrementAndGet();
    }
}
