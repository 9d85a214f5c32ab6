package dev.guildhall.common.voice;

import java.time.Instant;
import java.util.Objects;

/**
 * What a voice token says: who may connect ({@code userId}), to which voice channel's conference on which
 * media node, as which endpoint ({@code sessionId}), what they may send, and until when.
 */
public record VoiceTokenClaims(String userId, String serverId, String channelId, String nodeId, String sessionId,
                               boolean canSpeak, boolean canVideo, boolean canStream, Instant expiresAt) {

    public VoiceTokenClaims {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
