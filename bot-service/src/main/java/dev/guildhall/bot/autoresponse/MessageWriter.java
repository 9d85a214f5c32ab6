package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.client.HttpClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.InternalProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * message-service's internal write path, which owns every message: the system bot's answers, its reactions
 * and the deletes of trigger messages. Writes are never retried (a retried create could post twice); a
 * breaker and a time limit keep a slow message-service from holding the evaluator.
 */
@Component
class MessageWriter {

    static final String DEPENDENCY = "message-service-write";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    MessageWriter(AutoResponseProperties properties, InternalProperties internal, ResilientCalls calls,
                  JsonMapper json) {
        this.http = HttpClients.internal(properties.messageUrl(), internal.internalToken(), properties.callTimeout());
        this.calls = calls;
        this.json = json;
    }

    /** Posts a message as {@code authorId}; answers the new message's id. */
    long post(long channelId, long authorId, String content, JsonNode embed, Long replyTo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author_id", Snowflake.format(authorId));
        body.put("content", content == null ? "" : content);
        if (embed != null) {
            body.put("embeds", List.of(embed));
        }
        if (replyTo != null) {
            body.put("reply_to", Snowflake.format(replyTo));
        }
        String answer = calls.call(DEPENDENCY, () -> http.post()
                .uri("/internal/channels/{channelId}/messages", channelId)
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body))
                .retrieve().body(String.class));
        return Snowflake.parse(json.readTree(answer).get("message_id").asString());
    }

    void react(long channelId, long messageId, String emoji, long userId) {
        calls.call(DEPENDENCY, () -> http.put()
                .uri("/internal/channels/{channelId}/messages/{messageId}/reactions/{emoji}/{userId}",
                        channelId, messageId, emoji, userId)
                .retrieve().toBodilessEntity());
    }

    void delete(long channelId, long messageId, long actorId) {
        calls.call(DEPENDENCY, () -> http.delete()
                .uri(b -> b.path("/internal/channels/{channelId}/messages/{messageId}")
                        .queryParam("actor_id", actorId).build(channelId, messageId))
                .retrieve().toBodilessEntity());
    }
}
