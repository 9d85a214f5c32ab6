package dev.guildhall.common.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message written through message-service's internal write path ({@link InternalApi#CHANNEL_MESSAGES},
 * ADR 155) by a service that has already authorised it (bot-service: webhooks, interaction responses,
 * auto-responses). Exactly one of {@code author_id} (a bot user) and {@code webhook_id} names the author;
 * a webhook's message shows {@code username} and {@code avatar_url} as its author. {@code embeds} and
 * {@code components} travel as the JSON the client gave: message-service alone validates them (Discord's
 * limits), and its 400 problem is the caller's to pass on. The answer is the v1 message object.
 *
 * @param interaction the slash command the message answers, or null
 * @param replyTo     id of a message of the same channel, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageWrite(
        @JsonProperty("author_id") String authorId,
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("username") String username,
        @JsonProperty("avatar_url") String avatarUrl,
        @JsonProperty("interaction") Interaction interaction,
        @JsonProperty("content") String content,
        @JsonProperty("embeds") Object embeds,
        @JsonProperty("components") Object components,
        @JsonProperty("reply_to") String replyTo) {

    /** A bot user's message. */
    public static MessageWrite byBot(String botUserId, String content, Object embeds, Object components,
                                     String replyTo) {
        return new MessageWrite(botUserId, null, null, null, null, content, embeds, components, replyTo);
    }

    /** A webhook's message, shown under {@code username} with {@code avatarUrl}. */
    public static MessageWrite byWebhook(String webhookId, String username, String avatarUrl, String content,
                                         Object embeds, Object components) {
        return new MessageWrite(null, webhookId, username, avatarUrl, null, content, embeds, components, null);
    }

    /** The same message, answering an interaction. */
    public MessageWrite answering(Interaction interaction) {
        return new MessageWrite(authorId, webhookId, username, avatarUrl, interaction, content, embeds, components,
                replyTo);
    }

    /** {@code interaction {interaction_id, name, user_id}}: the command and who invoked it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interaction(
            @JsonProperty("interaction_id") String interactionId,
            @JsonProperty("name") String name,
            @JsonProperty("user_id") String userId) {
    }

    /**
     * {@code PATCH} of {@link InternalApi#CHANNEL_MESSAGE}: each part given replaces the stored one,
     * parts left out (null) stay.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Edit(
            @JsonProperty("content") String content,
            @JsonProperty("embeds") Object embeds,
            @JsonProperty("components") Object components) {
    }
}
