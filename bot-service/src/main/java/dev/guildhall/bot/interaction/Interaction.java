package dev.guildhall.bot.interaction;

import java.time.Instant;

/** One invocation of a slash command (ADR 169). */
public record Interaction(long interactionId, long applicationId, long botUserId, long commandId, String commandName,
                          long serverId, long channelId, long userId, Instant expiresAt, Instant acknowledgedAt,
                          Integer responseType, Instant failedAt, Long originalMessageId, Instant createdAt) {
}
