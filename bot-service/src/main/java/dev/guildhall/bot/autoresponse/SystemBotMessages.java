package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * message-service's internal write path (ADRs 155, 165), which owns every message: the system bot's answers,
 * its reactions and the deletes of trigger messages. Writes are never retried (a retried create could post twice); a
 * breaker and a time limit keep a slow message-service from holding the evaluator.
 */
@Component
class SystemBotMessages {

    static final String DEPENDENCY = "message-service-write";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    SystemBotMessages(AutoResponseProperties properties, InternalClients clients, ResilientCalls calls,
                  JsonMapper json) {
        this.http = clients.to(properties.messageUrl(), properties.callTimeout());
        this.calls = calls;
        this.json = json;
    }

    /** Posts a message as the bot user {@code authorId} (common's {@link MessageWrite}); answers its id. */
    long post(long channelId, long authorId, String content, JsonNode embed, Long replyTo) {
        MessageWrite write = MessageWrite.byBot(Snowflake.format(authorId), content,
                embed == null ? null : List.of(embed), null, replyTo == null ? null : Snowflake.format(replyTo));
        String answer = calls.call(DEPENDENCY, () -> http.post()
                .uri(InternalApi.CHANNEL_MESSAGES, channelId)
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(write))
                .retrieve().body(String.class));
        return Snowflake.parse(json.readTree(answer).get("message_id").asString());
    }

    void react(long channelId, long messageId, String emoji, long userId) {
        calls.call(DEPENDENCY, () -> http.put()
                .uri(InternalApi.MESSAGE_REACTION, channelId, messageId, emoji, userId)
                .retrieve().toBodilessEntity());
    }

    void delete(long channelId, long messageId) {
        calls.call(DEPENDENCY, () -> http.delete()
                .uri(InternalApi.CHANNEL_MESSAGE, channelId, messageId)
                .retrieve().toBodilessEntity());
    }
}
