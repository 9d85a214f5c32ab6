package dev.guildhall.voice.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which media node a channel's conference goes to: the node already hosting it while that node is alive
 * (everyone in a channel must meet on one node), else the least-loaded live node that takes new conferences
 * — fewest endpoints, then lowest CPU, then fewest packets per second, then id for a stable choice.
 */
public final class NodeSelector {

    private static final Comparator<MediaNode> LEAST_LOADED = Comparator.comparingInt(MediaNode::endpoints)
            .thenComparingDouble(MediaNode::cpu)
            .thenComparingDouble(MediaNode::packetsPerSecond)
            .thenComparing(MediaNode::nodeId);

    private NodeSelector() {
    }

    public static Optional<MediaNode> select(Collection<MediaNode> nodes, Optional<String> current, Instant now,
                                             Duration staleAfter) {
        if (current.isPresent()) {
            Optional<MediaNode> host = nodes.stream()
                    .filter(n -> n.nodeId().equals(current.get()) && n.aliveAt(now, staleAfter))
                    .findFirst();
            if (host.isPresent()) {
                return host;
            }
        }
        return nodes.stream().filter(n -> n.acceptsConferencesAt(now, staleAfter)).min(LEAST_LOADED);
    }
}
