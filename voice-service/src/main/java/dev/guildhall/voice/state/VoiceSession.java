package dev.guildhall.voice.state;

import java.time.Instant;

/**
 * A user's connection to a voice channel as voice-service works with it: ids as numbers, the media node that
 * hosts the endpoint, and the session id the node knows the endpoint by (null before it is placed). The
 * public payload is {@link VoiceState}, built from this at the edge. {@code self*} flags are the user's own;
 * {@code mute}/{@code deaf} are a moderator's.
 */
public record VoiceSession(long serverId, long channelId, long userId, String sessionId, boolean selfMute,
                           boolean selfDeaf, boolean selfVideo, boolean selfStream, boolean mute, boolean deaf,
                           Instant joinedAt, String nodeId) {

    /** A fresh connection to a channel, not yet on a node; a server mute or deafen carries over within a server. */
    public static VoiceSession joining(long serverId, long channelId, long userId, boolean mute, boolean deaf,
                                       Instant now) {
        return new VoiceSession(serverId, channelId, userId, null, false, false, false, false, mute, deaf, now, null);
    }

    public VoiceSession withSelf(Boolean selfMute, Boolean selfDeaf, Boolean selfVideo, Boolean selfStream) {
        boolean deafened = selfDeaf != null ? selfDeaf : this.selfDeaf;
        // deafening yourself mutes you too, as every voice client does
        boolean muted = deafened || (selfMute != null ? selfMute : this.selfMute);
        return new VoiceSession(serverId, channelId, userId, sessionId, muted, deafened,
                selfVideo != null ? selfVideo : this.selfVideo, selfStream != null ? selfStream : this.selfStream,
                mute, deaf, joinedAt, nodeId);
    }

    public VoiceSession withModeration(Boolean mute, Boolean deaf) {
        return new VoiceSession(serverId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, selfStream,
                mute != null ? mute : this.mute, deaf != null ? deaf : this.deaf, joinedAt, nodeId);
    }

    public VoiceSession onNode(String nodeId, String sessionId) {
        return new VoiceSession(serverId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, selfStream,
                mute, deaf, joinedAt, nodeId);
    }

    /** The same user rejoining: own mute and deafen kept, video and screen share off, not yet placed. */
    public VoiceSession rejoining() {
        return new VoiceSession(serverId, channelId, userId, null, selfMute, selfDeaf, false, false, mute, deaf,
                joinedAt, null);
    }

    /** Moved to another channel of the server: flags kept except video and screen share, not yet placed. */
    public VoiceSession movedTo(long channelId, Instant now) {
        return new VoiceSession(serverId, channelId, userId, null, selfMute, selfDeaf, false, false, mute, deaf, now,
                null);
    }

    public boolean isIn(long channelId) {
        return this.channelId == channelId;
    }
}
