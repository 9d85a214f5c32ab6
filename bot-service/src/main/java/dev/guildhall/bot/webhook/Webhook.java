package dev.guildhall.bot.webhook;

import java.time.Instant;

/** A row of {@code bot_webhooks}: a channel's incoming webhook. */
public record Webhook(long webhookId, long serverId, long channelId, String name, String avatarUrl, long creatorId,
                      byte[] tokenHash, Instant createdAt, Instant updatedAt) {
}
