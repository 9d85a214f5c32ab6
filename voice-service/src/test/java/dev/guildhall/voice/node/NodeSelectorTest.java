package dev.guildhall.voice.node;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSelectorTest {

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final Duration stale = Duration.ofSeconds(10);

    private MediaNode node(String id, int endpoints, double cpu, boolean draining, long secondsAgo) {
        return new MediaNode(id, "ws://" + id + "/signal", "http://" + id, 1, endpoints, 0, cpu, draining,
                now.minusSeconds(secondsAgo));
    }

    @Test
    void picksTheLeastLoadedLiveNode() {
        List<MediaNode> nodes = List.of(node("a", 30, 0.1, false, 1), node("b", 10, 0.9, false, 1),
                node("c", 10, 0.2, false, 1));
        assertThat(NodeSelector.select(nodes, Optional.empty(), now, stale)).map(MediaNode::nodeId).hasValue("c");
    }

    @Test
    void skipsDeadAndDrainingNodes() {
        List<MediaNode> nodes = List.of(node("dead", 0, 0, false, 30), node("draining", 0, 0, true, 1),
                node("busy", 100, 0.8, false, 2));
        assertThat(NodeSelector.select(nodes, Optional.empty(), now, stale)).map(MediaNode::nodeId).hasValue("busy");
    }

    @Test
    void keepsAChannelOnTheNodeHostingItsConferenceWhileThatNodeLives() {
        List<MediaNode> nodes = List.of(node("idle", 0, 0, false, 1), node("host", 50, 0.7, true, 1));
        // even a draining host keeps the people already talking there together until the watchdog moves them
        assertThat(NodeSelector.select(nodes, Optional.of("host"), now, stale)).map(MediaNode::nodeId).hasValue("host");
        List<MediaNode> hostDead = List.of(node("idle", 0, 0, false, 1), node("host", 50, 0.7, false, 60));
        assertThat(NodeSelector.select(hostDead, Optional.of("host"), now, stale)).map(MediaNode::nodeId).hasValue("idle");
    }

    @Test
    void noLiveNodeMeansNone() {
        assertThat(NodeSelector.select(List.of(node("dead", 0, 0, false, 11)), Optional.empty(), now, stale)).isEmpty();
        assertThat(NodeSelector.select(List.of(), Optional.empty(), now, stale)).isEmpty();
    }
}
