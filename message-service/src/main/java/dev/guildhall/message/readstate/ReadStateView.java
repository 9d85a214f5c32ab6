package dev.guildhall.message.readstate;

/**
 * A user's read state in one channel, as websocket-service puts it in READY.
 *
 * @param serverId      null for a direct-message channel
 * @param lastMessageId the last message the user has read (for a DM nobody has acked yet, the channel id)
 * @param unreadCount   messages after it
 * @param mentionCount  messages after it that mention the user (or effectively {@code @everyone});
 *                      role mentions are not counted
 */
public record ReadStateView(String channelId, String serverId, String lastMessageId, int unreadCount,
                            int mentionCount) {
}
