package dev.guildhall.voice.join;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.voice.channel.ChannelAccess;
import dev.guildhall.voice.channel.VoiceChannel;
import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.events.VoiceEvents;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodes;
import dev.guildhall.voice.node.NodeSelector;
import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.state.VoiceSessions;
import dev.guildhall.support.web.DeferredBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joining, leaving and changing voice states. Every channel's conference lives on one media node; a user is in
 * at most one voice channel (joining another moves them); every change is a {@code VOICE_STATE_UPDATE}.
 * Permissions come from server-service for every request (CONNECT to join, SPEAK and STREAM decide what the
 * node forwards, MUTE_MEMBERS / DEAFEN_MEMBERS / MOVE_MEMBERS for moderators). Moving conferences off dead
 * nodes is failover's ({@code ConferenceRelocator}).
 */
@Service
public class VoiceService {

    private static final Logger log = LoggerFactory.getLogger(VoiceService.class);

    private final ChannelAccess access;
    private final MediaNodes registry;
    private final EndpointAllocator allocator;
    private final VoiceSessions store;
    private final VoiceEvents events;
    private final VoiceProperties properties;
    private final Clock clock;

    public VoiceService(ChannelAccess access, MediaNodes registry, EndpointAllocator allocator, VoiceSessions store,
                        VoiceEvents events, VoiceProperties properties, Clock clock) {
        this.access = access;
        this.registry = registry;
        this.allocator = allocator;
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public Placement join(long userId, long channelId) {
        VoiceChannel channel = voiceChannel(userId, channelId);
        if (!channel.can(Permission.CONNECT)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not connect to this voice channel");
        }
        Optional<VoiceSession> previous = store.ofUser(userId);
        boolean sameServer = previous.map(p -> p.serverId() == channel.serverId()).orElse(false);
        VoiceSession session = previous.filter(p -> p.isIn(channelId))
                .map(VoiceSession::rejoining)
                .orElseGet(() -> VoiceSession.joining(channel.serverId(), channelId, userId,
                        sameServer && previous.get().mute(), sameServer && previous.get().deaf(), clock.instant()));
        Placement placement = place(channel, session);
        previous.ifPresent(p -> {
            if (p.isIn(channelId)) {
                allocator.release(p, false); // the replaced endpoint of a rejoin
            } else {
                leave(p);
            }
        });
        store.put(placement.session());
        events.stateChanged(placement.session());
        return placement;
    }

    public void leave(long userId, long channelId) {
        voiceChannel(userId, channelId);
        store.ofUser(userId).filter(s -> s.isIn(channelId)).ifPresent(this::leave);
    }

    /** The body is read once the caller is known to be in the channel (ADR 250). */
    public VoiceSession updateSelf(long userId, long channelId, DeferredBody<VoiceRequests.SelfState> body) {
        VoiceChannel channel = voiceChannel(userId, channelId);
        VoiceSession current = currentIn(userId, channelId);
        VoiceRequests.SelfState request = body.read();
        boolean wantsVideo = Boolean.TRUE.equals(request.selfVideo()) || Boolean.TRUE.equals(request.selfStream());
        if (wantsVideo && !channel.can(Permission.STREAM)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not share video in this channel");
        }
        VoiceSession updated = current.withSelf(request.selfMute(), request.selfDeaf(), request.selfVideo(),
                request.selfStream());
        store.put(updated);
        events.stateChanged(updated);
        return updated;
    }

    public List<VoiceSession> states(long userId, long channelId) {
        voiceChannel(userId, channelId);
        return store.inChannel(channelId);
    }

    /** A moderator's server mute / deafen / move of {@code targetId}, who must be in {@code channelId}. */
    public VoiceSession moderate(long moderatorId, long channelId, long targetId, VoiceRequests.Moderation request) {
        return moderate(moderatorId, channelId, targetId, DeferredBody.of(request));
    }

    /** The body is read once the caller holds at least one of the moderation permissions (ADR 250). */
    public VoiceSession moderate(long moderatorId, long channelId, long targetId,
                                 DeferredBody<VoiceRequests.Moderation> body) {
        VoiceChannel channel = voiceChannel(moderatorId, channelId);
        if (!channel.can(Permission.MUTE_MEMBERS) && !channel.can(Permission.DEAFEN_MEMBERS)
                && !channel.can(Permission.MOVE_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS,
                    "Moderating voice needs MUTE_MEMBERS, DEAFEN_MEMBERS or MOVE_MEMBERS");
        }
        VoiceRequests.Moderation request = body.read();
        if (request.mute() != null && !channel.can(Permission.MUTE_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Muting members needs MUTE_MEMBERS");
        }
        if (request.deaf() != null && !channel.can(Permission.DEAFEN_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Deafening members needs DEAFEN_MEMBERS");
        }
        Long destination = request.destination();
        if (destination != null && !channel.can(Permission.MOVE_MEMBERS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Moving members needs MOVE_MEMBERS");
        }
        VoiceSession current = currentIn(targetId, channelId);
        VoiceSession moderated = current.withModeration(request.mute(), request.deaf());
        if (destination != null && destination != current.channelId()) {
            return move(moderatorId, moderated, destination);
        }
        store.put(moderated);
        if (moderated.mute() != current.mute()) {
            Optional<MediaNode> node = allocator.live(moderated.nodeId());
            if (node.isPresent()) {
                allocator.update(node.get(), access.visible(targetId, channelId), moderated);
            }
        }
        events.stateChanged(moderated);
        return moderated;
    }

    private VoiceSession move(long moderatorId, VoiceSession session, long toChannelId) {
        VoiceChannel destinationForModerator = voiceChannel(moderatorId, toChannelId);
        if (!destinationForModerator.can(Permission.MOVE_MEMBERS)
                || destinationForModerator.serverId() != session.serverId()) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "You may not move members into that channel");
        }
        VoiceChannel destination = access.visible(session.userId(), toChannelId);
        if (!destination.can(Permission.CONNECT)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "That member may not connect to that channel");
        }
        Placement placement = place(destination, session.movedTo(toChannelId, clock.instant()));
        leave(session);
        store.put(placement.session());
        events.stateChanged(placement.session());
        events.serverMoved(placement.session(), placement.endpoint(), placement.voiceToken());
        return placement.session();
    }

    /** Allocates an endpoint for {@code session} in the channel's conference, creating it on the best node if needed. */
    private Placement place(VoiceChannel channel, VoiceSession session) {
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
            VoiceSession placed;
            try {
                placed = allocator.allocate(node, channel, session);
            } catch (GuildhallException e) {
                log.warn("media node {} refused an endpoint for channel {}: {}", node.nodeId(), channel.channelId(),
                        e.getMessage());
                tried.add(node.nodeId());
                continue;
            }
            if (current.isEmpty() || !current.get().equals(node.nodeId())) {
                store.setConferenceNode(channel.channelId(), node.nodeId());
            }
            return new Placement(placed, allocator.token(channel, placed, node), allocator.endpoint(node));
        }
    }

    private void leave(VoiceSession session) {
        boolean empty = store.remove(session);
        allocator.release(session, empty);
        if (empty) {
            store.removeConference(session.channelId());
        }
        events.left(session);
    }

    private VoiceChannel voiceChannel(long userId, long channelId) {
        VoiceChannel channel = access.visible(userId, channelId);
        if (!channel.isVoice()) {
            throw new GuildhallException(ErrorCode.NOT_A_VOICE_CHANNEL, "This is not a voice channel");
        }
        return channel;
    }

    private VoiceSession currentIn(long userId, long channelId) {
        return store.ofUser(userId)
                .filter(s -> s.isIn(channelId))
                .orElseThrow(() -> new GuildhallException(ErrorCode.NOT_IN_VOICE,
                        "Not connected to this voice channel"));
    }
}
