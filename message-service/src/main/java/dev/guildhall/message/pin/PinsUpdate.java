package dev.guildhall.message.pin;

import java.time.Instant;

/**
 * {@code data} of CHANNEL_PINS_UPDATE: which message was pinned or unpinned, and when the channel's
 * latest remaining pin was made (null when none is left).
 */
public record PinsUpdate(String channelId, String serverId, String messageId, boolean pinned,
                         Instant lastPinTimestamp) {
}
