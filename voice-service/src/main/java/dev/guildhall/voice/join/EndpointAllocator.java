package dev.guildhall.voice.join;

import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.media.ColibriPatch.MediaPermissions;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.voice.channel.VoiceChannel;
import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodes;
import dev.guildhall.voice.node.NodeControl;
import dev.guildhall.voice.state.VoiceSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Puts voice sessions on media nodes and takes them off: allocates an endpoint under a fresh session id,
 * issues the voice token and names the signalling URL a client connects with, frees endpoints and
 * conferences. Shared by joining ({@link VoiceService}) and failover.
 */
@Component
public class EndpointAllocator {

    private static final Logger log = LoggerFactory.getLogger(EndpointAllocator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MediaNodes registry;
    private final NodeControl nodes;
    private final VoiceTokens tokens;
    private final VoiceProperties properties;
    private final Clock clock;

    public EndpointAllocator(MediaNodes registry, NodeControl nodes, VoiceTokens tokens, VoiceProperties properties,
                             Clock clock) {
        this.registry = registry;
        this.nodes = nodes;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Allocates an endpoint for {@code session} on {@code node} under a fresh session id.
     *
     * @return the session as placed there
     * @throws GuildhallException when the node refuses or cannot be reached
     */
    public VoiceSession allocate(MediaNode node, VoiceChannel channel, VoiceSession session) {
        VoiceSession placed = session.onNode(node.nodeId(), newSessionId());
        nodes.allocate(node, channel.serverId(), channel.channelId(), placed.sessionId(), placed.userId(),
                permissions(channel, placed));
        return placed;
    }

    /** Tells the node what a session may now send (after a server mute changed). */
    public void update(MediaNode node, VoiceChannel channel, VoiceSession session) {
        nodes.update(node, channel.serverId(), channel.channelId(), session.sessionId(), permissions(channel, session));
    }

    /** The signed token a client presents to the node that hosts {@code placed}. */
    public String token(VoiceChannel channel, VoiceSession placed, MediaNode node) {
        MediaPermissions p = permissions(channel, placed);
        return tokens.issue(new VoiceTokenClaims(Snowflake.format(placed.userId()), Snowflake.format(placed.serverId()),
                Snowflake.format(placed.channelId()), node.nodeId(), placed.sessionId(), p.speak(), p.video(),
                p.stream(), clock.instant().plus(properties.tokenTtl())));
    }

    /** Where a client opens the node's signalling socket. */
    public String endpoint(MediaNode node) {
        return properties.endpointOf(node.nodeId(), node.signalUrl());
    }

    /** The node, while it still reports. */
    public Optional<MediaNode> live(String nodeId) {
        if (nodeId == null) {
            return Optional.empty();
        }
        return registry.node(nodeId).filter(n -> n.aliveAt(clock.instant(), properties.nodeStaleAfter()));
    }

    /** Frees a session's endpoint, or its whole conference when it was the last; a silent node is only logged. */
    public void release(VoiceSession session, boolean conferenceEmpty) {
        Optional<MediaNode> node = live(session.nodeId());
        if (node.isEmpty() || session.sessionId() == null && !conferenceEmpty) {
            return;
        }
        try {
            if (conferenceEmpty) {
                nodes.expireConference(node.get(), session.serverId(), session.channelId());
            } else {
                nodes.expireEndpoint(node.get(), session.serverId(), session.channelId(), session.sessionId());
            }
        } catch (GuildhallException e) {
            log.info("media node {} did not confirm freeing session {} of user {}: {}", node.get().nodeId(),
                    session.sessionId(), session.userId(), e.getMessage());
        }
    }

    /** Frees a whole conference on a node that is still up (it moved elsewhere). */
    public void expireConference(MediaNode node, long serverId, long channelId) {
        try {
            nodes.expireConference(node, serverId, channelId);
        } catch (GuildhallException e) {
            log.info("media node {} kept the old conference of channel {}: {}", node.nodeId(), channelId,
                    e.getMessage());
        }
    }

    /** What the node lets the session send: speech unless server-muted or without SPEAK; video with STREAM. */
    public static MediaPermissions permissions(VoiceChannel channel, VoiceSession session) {
        boolean stream = channel.can(Permission.STREAM);
        return new MediaPermissions(channel.can(Permission.SPEAK) && !session.mute(), stream, stream);
    }

    private static String newSessionId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
