package dev.guildhall.voice.failover;

import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.voice.channel.ChannelAccess;
import dev.guildhall.voice.channel.VoiceChannel;
import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.events.VoiceEvents;
import dev.guildhall.voice.join.EndpointAllocator;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodes;
import dev.guildhall.voice.node.NodeSelector;
import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.state.VoiceSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Moves a channel's conference from a dead or draining media node to a live one: every member gets an endpoint
 * on the new node and is told where to reconnect ({@code VOICE_SERVER_UPDATE} with a fresh token), then the old
 * conference is freed if its node is still up. Called by the {@link NodeWatchdog}.
 */
@Service
public class ConferenceRelocator {

    private static final Logger log = LoggerFactory.getLogger(ConferenceRelocator.class);

    private final VoiceSessions store;
    private final MediaNodes registry;
    private final ChannelAccess access;
    private final EndpointAllocator allocator;
    private final VoiceEvents events;
    private final VoiceProperties properties;
    private final Clock clock;

    public ConferenceRelocator(VoiceSessions store, MediaNodes registry, ChannelAccess access,
                               EndpointAllocator allocator, VoiceEvents events, VoiceProperties properties,
                               Clock clock) {
        this.store = store;
        this.registry = registry;
        this.access = access;
        this.allocator = allocator;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return false when no node could take the conference (retried on the next round) */
    public boolean relocate(long channelId, String deadNodeId) {
        List<VoiceSession> members = store.inChannel(channelId);
        if (members.isEmpty()) {
            store.removeConference(channelId);
            return true;
        }
        Optional<MediaNode> target = NodeSelector.select(
                registry.nodes().stream().filter(n -> !n.nodeId().equals(deadNodeId)).toList(),
                Optional.empty(), clock.instant(), properties.nodeStaleAfter());
        if (target.isEmpty()) {
            log.warn("conference of channel {} is on dead node {} and no live node can take it", channelId, deadNodeId);
            return false;
        }
        MediaNode node = target.get();
        log.info("moving the conference of channel {} from node {} to node {}", channelId, deadNodeId, node.nodeId());
        store.setConferenceNode(channelId, node.nodeId());
        for (VoiceSession member : members) {
            try {
                VoiceChannel view = access.visible(member.userId(), channelId);
                VoiceSession moved = allocator.allocate(node, view, member);
                store.put(moved);
                events.serverMoved(moved, allocator.endpoint(node), allocator.token(view, moved, node));
                events.stateChanged(moved);
            } catch (GuildhallException e) {
                log.warn("could not move user {} of channel {}: {}", member.userId(), channelId, e.getMessage());
            }
        }
        // a draining node is still up: free the old conference there (its sockets close, the clients have
        // their new endpoint already)
        allocator.live(deadNodeId).ifPresent(old -> allocator.expireConference(old, members.get(0).serverId(),
                channelId));
        return true;
    }
}
