package dev.guildhall.voice.join;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.media.ColibriPatch.MediaPermissions;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.voice.channel.ChannelAccess;
import dev.guildhall.voice.channel.VoiceChannel;
import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.events.VoiceEvents;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodeClient;
import dev.guildhall.voice.node.MediaNodeRegistry;
import dev.guildhall.voice.node.NodeSelector;
import dev.guildhall.voice.state.VoiceState;
import dev.guildhall.voice.state.VoiceStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Joining, leaving and changing voice states. Every channel's conference lives on one media node; a user is in
 * at most one voice channel (joining another moves them); every change is a {@code VOICE_STATE_UPDATE}.
 * Permissions come from server-service for every request (CONNECT to join, SPEAK and STREAM decide what the
 * node forwards, MUTE_MEMBERS / DEAFEN_MEMBERS / MOVE_MEMBERS for moderators).
 */
@Service
public class VoiceService {

    private static final Logger log = LoggerFactory.getLogger(VoiceService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelAccess access;
    private final MediaNodeRegistry registry;
    private final MediaNodeClient nodes;
    private final VoiceStateStore store;
    private final VoiceEvents events;
    private final VoiceTokens tokens;
    private final VoiceProperties properties;
    private final Clock clock;

    public VoiceService(ChannelAccess access, MediaNodeRegistry registry, MediaNodeClient nodes, VoiceStateStore store,
                        VoiceEvents events, VoiceTokens tokens, VoiceProperties properties, Clock clock) {
        this.access = access;
        this.registry = registry;
        this.nodes = nodes;
        this.store = store;
        this.events = events;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    public VoiceConnection join(long userId, long channelId) {
        VoiceChannel channel = voiceChannel(userId, channelId);
        if (!channel.can(Permission.CONNECT)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not connect to this voice channel");
        }
        Optional<VoiceState> previous = store.ofUser(userId);
        boolean sameServer = previous.map(p -> p.serverId().equals(Long.toString(channel.serverId()))).orElse(false);
        VoiceState fresh = new VoiceState(Long.toString(channel.serverId()), Long.toString(channelId),
                Long.toString(userId), null, false, false, false, false,
                sameServer && previous.get().mute(), sameServer && previous.get().deaf(), clock.instant(), null);
        VoiceState state = previous.filter(p -> p.channelId().equals(Long.toString(channelId)))
                .map(p -> new VoiceState(p.serverId(), p.channelId(), p.userId(), null, p.selfMute(), p.selfDeaf(),
                        false, false, p.mute(), p.deaf(), p.joinedAt(), null))
                .orElse(fresh);
        Placement placement = place(channel, userId, state);
        previous.ifPresent(p -> {
            if (p.channelId().equals(state.channelId())) {
                expireEndpointQuietly(p);
            } else {
                leave(p);
            }
        });
        store.put(placement.state());
        events.stateChanged(placement.state(), placement.state().channelId());
        return placement.connection();
    }

    public void leave(long userId, long channelId) {
        voiceChannel(userId, channelId);
        store.ofUser(userId)
                .filter(s -> s.channelId().equals(Long.toString(channelId)))
                .ifPresent(this::leave);
    }

    public VoiceState updateSelf(long userId, long channelId, VoiceRequests.SelfState request) {
        VoiceChannel channel = voiceChannel(userId, channelId);
        VoiceState current = currentIn(userId, channelId);
        boolean wantsVideo = Boolean.TRUE.equals(request.selfVideo()) || Boolean.TRUE.equals(request.selfStream());
        if (wantsVideo && !channel.can(Permission.STREAM)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not share video in this channel");
        }
        VoiceState updated = current.withSelf(request.selfMute(), request.selfDeaf(), request.selfVideo(),
                request.selfStream());
        store.put(updated);
        events.stateChanged(updated, updated.channelId());
        return updated;
    }

    public List<VoiceState> states(long userId, long channelId) {
        voiceChannel(userId, channelId);
        return store.inChannel(channelId);
    }

    /** A moderator's server mute / deafen / move of {@code targetId}, who must be in {@code channelId}. */
    public VoiceState moderate(long moderatorId, long channelId, long targetId, VoiceRequests.Moderation request) {
        VoiceChannel channel = voiceChannel(moderatorId, channelId);
        if (request.mute() != null && !channel.can(Permission.MUTE_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Muting members needs MUTE_MEMBERS");
        }
        if (request.deaf() != null && !channel.can(Permission.DEAFEN_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Deafening members needs DEAFEN_MEMBERS");
        }
        if (request.channelId() != null && !channel.can(Permission.MOVE_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Moving members needs MOVE_MEMBERS");
        }
        VoiceState current = currentIn(targetId, channelId);
        VoiceState moderated = current.withModeration(request.mute(), request.deaf());
        if (request.channelId() != null && !request.channelId().equals(current.channelId())) {
            return move(moderatorId, moderated, Snowflake.parse(request.channelId()));
        }
        store.put(moderated);
        if (moderated.mute() != current.mute()) {
            MediaNode node = liveNode(moderated.nodeId());
            if (node != null) {
                VoiceChannel targetView = access.visible(targetId, channelId);
                nodes.update(node, channel.serverId(), channelId, moderated.sessionId(),
                        mediaPermissions(targetView, moderated));
            }
        }
        events.stateChanged(moderated, moderated.channelId());
        return moderated;
    }

    /**
     * Moves everyone of {@code channelId}'s conference from a dead or draining node to a live one and tells each
     * of them where to reconnect ({@code VOICE_SERVER_UPDATE}). Called by the watchdog.
     *
     * @return false when no node could take the conference (retried on the next round)
     */
    public boolean relocate(long channelId, String deadNodeId) {
        List<VoiceState> members = store.inChannel(channelId);
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
        log.info("moving the conference of channel {} from node {} to node {}", channelId, deadNodeId,
                target.get().nodeId());
        store.setConferenceNode(channelId, target.get().nodeId());
        for (VoiceState member : members) {
            long userId = Long.parseLong(member.userId());
            try {
                VoiceChannel view = access.visible(userId, channelId);
                String sessionId = newSessionId();
                nodes.allocate(target.get(), view.serverId(), channelId, sessionId, userId,
                        mediaPermissions(view, member));
                VoiceState moved = member.onNode(target.get().nodeId(), sessionId);
                store.put(moved);
                events.serverMoved(moved, endpoint(target.get()), issue(view, moved, target.get()));
                events.stateChanged(moved, moved.channelId());
            } catch (GuildhallException e) {
                log.warn("could not move user {} of channel {}: {}", userId, channelId, e.getMessage());
            }
        }
        // a draining node is still up: free the old conference there (its sockets close, the clients have
        // their new endpoint already)
        MediaNode old = liveNode(deadNodeId);
        if (old != null) {
            try {
                nodes.expireConference(old, Long.parseLong(members.get(0).serverId()), channelId);
            } catch (GuildhallException e) {
                log.info("draining node {} kept the old conference of channel {}: {}", deadNodeId, channelId,
                        e.getMessage());
            }
        }
        return true;
    }

    private VoiceState move(long moderatorId, VoiceState state, long toChannelId) {
        long userId = Long.parseLong(state.userId());
        VoiceChannel destinationForModerator = voiceChannel(moderatorId, toChannelId);
        if (!destinationForModerator.can(Permission.MOVE_MEMBERS)
                || destinationForModerator.serverId() != Long.parseLong(state.serverId())) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not move members into that channel");
        }
        VoiceChannel destination = access.visible(userId, toChannelId);
        if (!destination.can(Permission.CONNECT)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "That member may not connect to that channel");
        }
        VoiceState moved = new VoiceState(state.serverId(), Long.toString(toChannelId), state.userId(), null,
                state.selfMute(), state.selfDeaf(), false, false, state.mute(), state.deaf(), clock.instant(), null);
        Placement placement = place(destination, userId, moved);
        leave(state);
        store.put(placement.state());
        events.stateChanged(placement.state(), placement.state().channelId());
        events.serverMoved(placement.state(), placement.connection().endpoint(), placement.connection().voiceToken());
        return placement.state();
    }

    private record Placement(VoiceState state, VoiceConnection connection) {
    }

    /** Allocates an endpoint for {@code state} in the channel's conference, creating it on the best node if needed. */
    private Placement place(VoiceChannel channel, long userId, VoiceState state) {
        Instant now = clock.instant();
        List<MediaNode> all = registry.nodes();
        Optional<String> current = store.conferenceNode(channel.channelId());
        List<String> tried = new ArrayList<>();
        while (true) {
            Optional<MediaNode> chosen = NodeSelector.select(
                    all.stream().filter(n -> !tried.contains(n.nodeId())).toList(),
                    current.filter(c -> !tried.contains(c)), now, properties.nodeStaleAfter());
            if (chosen.isEmpty()) {
                throw new GuildhallException(ErrorCode.NO_MEDIA_NODE, "No media node is available for voice right now");
            }
            MediaNode node = chosen.get();
            String sessionId = newSessionId();
            VoiceState placed = state.onNode(node.nodeId(), sessionId);
            try {
                nodes.allocate(node, channel.serverId(), channel.channelId(), sessionId, userId,
                        mediaPermissions(channel, placed));
            } catch (GuildhallException e) {
                log.warn("media node {} refused an endpoint for channel {}: {}", node.nodeId(), channel.channelId(),
                        e.getMessage());
                tried.add(node.nodeId());
                continue;
            }
            if (current.isEmpty() || !current.get().equals(node.nodeId())) {
                store.setConferenceNode(channel.channelId(), node.nodeId());
            }
            String token = issue(channel, placed, node);
            return new Placement(placed, new VoiceConnection(token, endpoint(node), sessionId, node.nodeId(), placed));
        }
    }

    private String endpoint(MediaNode node) {
        return properties.endpointOf(node.nodeId(), node.signalUrl());
    }

    private String issue(VoiceChannel channel, VoiceState state, MediaNode node) {
        MediaPermissions p = mediaPermissions(channel, state);
        return tokens.issue(new VoiceTokenClaims(state.userId(), state.serverId(), state.channelId(), node.nodeId(),
                state.sessionId(), p.speak(), p.video(), p.stream(), clock.instant().plus(properties.tokenTtl())));
    }

    private static MediaPermissions mediaPermissions(VoiceChannel channel, VoiceState state) {
        boolean stream = channel.can(Permission.STREAM);
        return new MediaPermissions(channel.can(Permission.SPEAK) && !state.mute(), stream, stream);
    }

    private void leave(VoiceState state) {
        boolean empty = store.remove(state);
        long channelId = Long.parseLong(state.channelId());
        long serverId = Long.parseLong(state.serverId());
        MediaNode node = liveNode(state.nodeId());
        if (node != null) {
            try {
                if (empty) {
                    nodes.expireConference(node, serverId, channelId);
                } else {
                    nodes.expireEndpoint(node, serverId, channelId, state.sessionId());
                }
            } catch (GuildhallException e) {
                log.info("media node {} did not confirm the leave of user {}: {}", node.nodeId(), state.userId(),
                        e.getMessage());
            }
        }
        if (empty) {
            store.removeConference(channelId);
        }
        events.stateChanged(state.left(), state.channelId());
    }

    private void expireEndpointQuietly(VoiceState state) {
        MediaNode node = liveNode(state.nodeId());
        if (node == null || state.sessionId() == null) {
            return;
        }
        try {
            nodes.expireEndpoint(node, Long.parseLong(state.serverId()), Long.parseLong(state.channelId()),
                    state.sessionId());
        } catch (GuildhallException e) {
            log.info("media node {} did not expire replaced endpoint {}: {}", node.nodeId(), state.sessionId(),
                    e.getMessage());
        }
    }

    private MediaNode liveNode(String nodeId) {
        if (nodeId == null) {
            return null;
        }
        return registry.node(nodeId).filter(n -> n.aliveAt(clock.instant(), properties.nodeStaleAfter())).orElse(null);
    }

    private VoiceChannel voiceChannel(long userId, long channelId) {
        VoiceChannel channel = access.visible(userId, channelId);
        if (!channel.isVoice()) {
            throw new GuildhallException(ErrorCode.NOT_A_VOICE_CHANNEL, "This is not a voice channel");
        }
        return channel;
    }

    private VoiceState currentIn(long userId, long channelId) {
        return store.ofUser(userId)
                .filter(s -> s.channelId().equals(Long.toString(channelId)))
                .orElseThrow(() -> new GuildhallException(ErrorCode.NOT_IN_VOICE,
                        "Not connected to this voice channel"));
    }

    private static String newSessionId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
