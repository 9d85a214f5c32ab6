package dev.guildhall.voice.node;

import dev.guildhall.common.media.ColibriPatch.MediaPermissions;

/**
 * What voice-service asks of a media node: one conference per voice channel, one endpoint per voice session.
 * {@link MediaNodeClient} does it over the node's Colibri2-shaped control API; a refusal or an unreachable node
 * is a {@code GuildhallException}.
 */
public interface NodeControl {

    void allocate(MediaNode node, long serverId, long channelId, String sessionId, long userId,
                  MediaPermissions permissions);

    void update(MediaNode node, long serverId, long channelId, String sessionId, MediaPermissions permissions);

    void expireEndpoint(MediaNode node, long serverId, long channelId, String sessionId);

    void expireConference(MediaNode node, long serverId, long channelId);
}
