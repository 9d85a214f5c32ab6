package dev.guildhall.bot.interaction;

import tools.jackson.databind.JsonNode;

/**
 * A bot's answer to an interaction (Discord's callback): {@code type} 4 (reply with {@code data} as a message),
 * 5 (deferred: the reply follows as an edit of {@code @original}), 6 and 7 (component updates, stored).
 * {@code data} is a message's {@code content}, {@code embeds}, {@code components}.
 */
public record CallbackRequest(Integer type, JsonNode data) {
}
