package dev.guildhall.voice.state;

import dev.guildhall.common.id.Snowflake;

import java.time.Instant;

/**
 * The {@code VOICE_STATE_UPDATE} payload and the voice API's answer (ids as decimal strings), built from a
 * {@link VoiceSession} where it leaves the service. {@code channel_id} is null in the event that says a user
 * left.
 */
public record VoiceState(String serverId, String channelId, String userId, String sessionId, boolean selfMute,
                         boolean selfDeaf, boolean selfVideo, boolean selfStream, boolean mute, boolean deaf,
                         Instant joinedAt) {

    public static VoiceState of(VoiceSession s) {
        return new VoiceState(Snowflake.format(s.serverId()), Snowflake.format(s.channelId()),
                Snowflake.format(s.userId()), s.sessionId(), s.selfMute(), s.selfDeaf(), s.selfVideo(), s.selfStream(),
                s.mute(), s.deaf(), s.joinedAt());
    }

    /** The payload that says this user left the channel: who and where, no channel, no flags. */
    public static VoiceState left(VoiceSession s) {
        return new VoiceState(Snowflake.format(s.serverId()), null, Snowflake.format(s.userId()), s.sessionId(),
                false, false, false, false, false, false, s.joinedAt());
    }

    /** Back to the working shape (a stored state); {@code nodeId} is kept beside the payload, not in it. */
    public VoiceSession session(String nodeId) {
        return new VoiceSession(Snowflake.parse(serverId), Snowflake.parse(channelId), Snowflake.parse(userId),
                sessionId, selfMute, selfDeaf, selfVideo, selfStream, mute, deaf, joinedAt, nodeId);
    }
}
