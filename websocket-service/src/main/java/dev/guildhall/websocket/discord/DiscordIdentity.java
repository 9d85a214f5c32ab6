package dev.guildhall.websocket.discord;

import tools.jackson.databind.node.ObjectNode;

/**
 * A verified bot on the Discord gateway: its user id, its application (READY's {@code application.id} is
 * this, not the user id), the application's flags, the intents it identified with and its Discord user
 * object (for its own member in each GUILD_CREATE).
 */
public record DiscordIdentity(long userId, long applicationId, long flags, long intents, ObjectNode user) {
}
