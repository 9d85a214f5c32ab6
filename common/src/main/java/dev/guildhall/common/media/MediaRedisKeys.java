package dev.guildhall.common.media;

/**
 * Redis keys shared between the media nodes (which write them) and voice-service and the gateway (which
 * read them). Keys one service alone uses stay in that service.
 */
public final class MediaRedisKeys {

    /** A set of the ids of every node that reported. */
    public static final String NODES = "media:nodes";

    private static final String NODE_PREFIX = "media:node:";

    private MediaRedisKeys() {
    }

    /** The key of a node's latest {@link MediaNodeReport}. */
    public static String node(String nodeId) {
        return NODE_PREFIX + nodeId;
    }
}
