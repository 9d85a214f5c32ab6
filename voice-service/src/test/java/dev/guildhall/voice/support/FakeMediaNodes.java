package dev.guildhall.voice.support;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.media.ColibriPatch.MediaPermissions;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodes;
import dev.guildhall.voice.node.NodeControl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Media nodes in memory: their load reports (what the registry would read from Redis) and a control API that
 * records every call and refuses on the nodes told to.
 */
public final class FakeMediaNodes implements MediaNodes, NodeControl {

    /** One call to a node's control API. */
    public record Call(String nodeId, String kind, long channelId, String sessionId, Long userId,
                       MediaPermissions permissions) {
    }

    private final Map<String, MediaNode> nodes = new LinkedHashMap<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new ArrayList<>();

    /** A live node reporting now, with {@code endpoints} endpoints. */
    public FakeMediaNodes node(String nodeId, int endpoints, Instant now) {
        nodes.put(nodeId, new MediaNode(nodeId, "ws://" + nodeId + "/signal", "http://" + nodeId, 0, endpoints, 0, 0,
                false, now));
        return this;
    }

    public FakeMediaNodes draining(String nodeId, Instant now) {
        MediaNode n = nodes.get(nodeId);
        nodes.put(nodeId, new MediaNode(n.nodeId(), n.signalUrl(), n.controlUrl(), n.conferences(), n.endpoints(),
                0, 0, true, now));
        return this;
    }

    /** The node stopped reporting long ago. */
    public FakeMediaNodes dead(String nodeId) {
        MediaNode n = nodes.get(nodeId);
        nodes.put(nodeId, new MediaNode(n.nodeId(), n.signalUrl(), n.controlUrl(), n.conferences(), n.endpoints(),
                0, 0, false, Instant.EPOCH));
        return this;
    }

    public FakeMediaNodes refusing(String nodeId) {
        refusing.add(nodeId);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    @Override
    public List<MediaNode> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public void allocate(MediaNode node, long serverId, long channelId, String sessionId, long userId,
                         MediaPermissions permissions) {
        record(new Call(node.nodeId(), "allocate", channelId, sessionId, userId, permissions));
    }

    @Override
    public void update(MediaNode node, long serverId, long channelId, String sessionId, MediaPermissions permissions) {
        record(new Call(node.nodeId(), "update", channelId, sessionId, null, permissions));
    }

    @Override
    public void expireEndpoint(MediaNode node, long serverId, long channelId, String sessionId) {
        record(new Call(node.nodeId(), "expireEndpoint", channelId, sessionId, null, null));
    }

    @Override
    public void expireConference(MediaNode node, long serverId, long channelId) {
        record(new Call(node.nodeId(), "expireConference", channelId, null, null, null));
    }

    private void record(Call call) {
        if (refusing.contains(call.nodeId())) {
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, "node " + call.nodeId() + " refused");
        }
        calls.add(call);
    }
}
