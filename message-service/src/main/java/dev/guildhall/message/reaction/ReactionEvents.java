package dev.guildhall.message.reaction;

/** {@code data} of MESSAGE_REACTION_ADD and MESSAGE_REACTION_REMOVE. */
public record ReactionEvents(String userId, String channelId, String messageId, String serverId, String emoji) {
}
