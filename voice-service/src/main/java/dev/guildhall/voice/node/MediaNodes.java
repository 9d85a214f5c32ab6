package dev.guildhall.voice.node;

import java.util.List;
import java.util.Optional;

/** The media nodes that reported lately (from Redis in the service, ADR 100). */
public interface MediaNodes {

    List<MediaNode> nodes();

    default Optional<MediaNode> node(String nodeId) {
        return nodes().stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }
}
