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
import java.time.Instant;
import java.util.List;
import java.util.Iterator;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Moves a channel's conference from a dead or draining media node to a live one: every member gets an endpoint
 * on the new node and is told where to reconnect ({@code VOICE_SERVER_UPDATE} with a fresh token); if the old node is
 * still up (draining), its conference is freed after the move grace, so it forwards while the members reconnect.
 * Called by the {@link NodeWatchdog}.
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
    private final Queue<OldConference> toFree = new ConcurrentLinkedQueue<>();

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
        // a draining node is still up: its old conference keeps forwarding while the members' clients connect to the
        // new one (they keep both until the new one carries audio), and is freed after the move grace (ADR 280, 281)
        if (allocator.live(deadNodeId).isPresent()) {
            toFree.add(new OldConference(deadNodeId, members.get(0).serverId(), channelId,
                    clock.instant().plus(properties.moveGrace())));
        }
        return true;
    }

    /** Frees the old conferences, on draining nodes, whose members have had their grace to reconnect elsewhere. */
    public void freeMovedConferences() {
        Instant now = clock.instant();
        for (Iterator<OldConference> it = toFree.iterator(); it.hasNext(); ) {
            OldConference old = it.next();
            if (old.due().isAfter(now)) {
                continue;
            }
            it.remove();
            allocator.live(old.nodeId()).ifPresent(node -> allocator.expireConference(node, old.serverId(),
                    old.channelId()));
        }
    }

    private record OldConference(String nodeId, long serverId, long channelId, Instant due) {
    }
}
