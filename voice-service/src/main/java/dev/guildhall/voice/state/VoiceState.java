package dev.guildhall.voice.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * A user's connection to a voice channel: the {@code VOICE_STATE_UPDATE} payload (ids as strings).
 * {@code self_*} flags are the user's own; {@code mute}/{@code deaf} are a moderator's (MUTE_MEMBERS,
 * DEAFEN_MEMBERS). {@code channel_id} is null in the event that says a user left. {@code node_id} says which
 * media node hosts the endpoint; it stays inside the fleet.
 */
public record VoiceState(String serverId, String channelId, String userId, String sessionId, boolean selfMute,
                         boolean selfDeaf, boolean selfVideo, boolean selfStream, boolean mute, boolean deaf,
                         Instant joinedAt, @JsonIgnore String nodeId) {

    public VoiceState withSelf(Boolean selfMute, Boolean selfDeaf, Boolean selfVideo, Boolean selfStream) {
        boolean deafened = selfDeaf != null ? selfDeaf : this.selfDeaf;
        // deafening yourself mutes you too, as every voice client does
        boolean muted = deafened || (selfMute != null ? selfMute : this.selfMute);
        return new VoiceState(serverId, channelId, userId, sessionId, muted, deafened,
                selfVideo != null ? selfVideo : this.selfVideo, selfStream != null ? selfStream : this.selfStream,
                mute, deaf, joinedAt, nodeId);
    }

    public VoiceState withModeration(Boolean mute, Boolean deaf) {
        return new VoiceState(serverId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, selfStream,
                mute != null ? mute : this.mute, deaf != null ? deaf : this.deaf, joinedAt, nodeId);
    }

    public VoiceState onNode(String nodeId, String sessionId) {
        return new VoiceState(serverId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, selfStream,
                mute, deaf, joinedAt, nodeId);
    }

    /** The event payload that says this user left the channel. */
    public VoiceState left() {
        return new VoiceState(serverId, null, userId, sessionId, false, false, false, false, false, false, joinedAt,
                nodeId);
    }
}
