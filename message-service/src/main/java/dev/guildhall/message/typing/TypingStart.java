package dev.guildhall.message.typing;

/** {@code data} of TYPING_START; {@code timestamp} in Unix seconds, as Discord sends it. */
public record TypingStart(String channelId, String serverId, String userId, long timestamp) {
}
