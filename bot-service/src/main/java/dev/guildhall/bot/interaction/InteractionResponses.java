package dev.guildhall.bot.interaction;

import dev.guildhall.bot.message.MessageWriter;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The bot's answers to an interaction (ADR 169), authorised by the interaction's token alone. The first callback
 * wins (a second is 400 INTERACTION_ALREADY_ACKNOWLEDGED); one after the response deadline or with an expired or
 * wrong token is 404 UNKNOWN_INTERACTION. Messages are the bot user's, carry {@code interaction {interaction_id,
 * name, user_id}}, and are written by message-service through its internal write path.
 */
@Service
public class InteractionResponses {

    static final int REPLY = 4;
    static final int DEFERRED = 5;
    static final Set<Integer> TYPES = Set.of(REPLY, DEFERRED, 6, 7);

    private final InteractionRepository interactions;
    private final MessageWriter messages;
    private final GlobalDatabase global;
    private final JsonMapper json;
    private final Clock clock;

    public InteractionResponses(InteractionRepository interactions, MessageWriter messages, GlobalDatabase global,
                                JsonMapper json, Clock clock) {
        this.interactions = interactions;
        this.messages = messages;
        this.global = global;
        this.json = json;
        this.clock = clock;
    }

    public void callback(long interactionId, String token, CallbackRequest request) {
        if (request == null || request.type() == null || !TYPES.contains(request.type())) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "type must be 4, 5, 6 or 7",
                    Map.of("errors", Map.of("type", "must be 4, 5, 6 or 7")));
        }
        Interaction i = interactions.findByToken(interactionId, InteractionTokens.hash(token), clock.instant())
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_INTERACTION));
        String data = request.data() == null || request.data().isNull() ? null : json.writeValueAsString(request.data());
        if (!interactions.acknowledge(i.interactionId(), request.type(), data, clock.instant())) {
            Interaction now = interactions.findByToken(interactionId, InteractionTokens.hash(token), clock.instant())
                    .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_INTERACTION));
            if (now.failedAt() != null) {
                throw new GuildhallException(ErrorCode.UNKNOWN_INTERACTION, "The interaction was not answered in time");
            }
            throw new GuildhallException(ErrorCode.INTERACTION_ALREADY_ACKNOWLEDGED,
                    "This interaction has already been answered");
        }
        if (request.type() == REPLY) {
            try {
                writeOriginal(i, request.data());
            } catch (RuntimeException e) {
                interactions.unacknowledge(i.interactionId());
                throw e;
            }
        }
    }

    /** A follow-up message ({@code POST /webhooks/{application_id}/{token}}), after the first answer. */
    public JsonNode followUp(long applicationId, String token, JsonNode data) {
        Interaction i = answered(applicationId, token);
        return messages.post(i.channelId(), write(i, data));
    }

    /** Edits the original response; after a deferral the first edit is the response. */
    public JsonNode editOriginal(long applicationId, String token, JsonNode data) {
        Interaction i = answered(applicationId, token);
        if (i.originalMessageId() == null) {
            return writeOriginal(i, data);
        }
        JsonNode d = data == null ? json.missingNode() : data;
        JsonNode edited = messages.edit(i.channelId(), i.originalMessageId(), new MessageWrite.Edit(
                text(d, "content"), tree(d, "embeds"), tree(d, "components")));
        interactions.original(i.interactionId(), i.originalMessageId(), json.writeValueAsString(edited));
        return edited;
    }

    /** Deletes the original response (Discord's {@code DELETE .../messages/@original}). */
    public void deleteOriginal(long applicationId, String token) {
        Interaction i = answered(applicationId, token);
        if (i.originalMessageId() == null) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
        }
        messages.delete(i.channelId(), i.originalMessageId());
    }

    public JsonNode original(long applicationId, String token) {
        Interaction i = answered(applicationId, token);
        return interactions.originalMessage(i.interactionId()).filter(s -> s != null).map(json::readTree)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE));
    }

    private JsonNode writeOriginal(Interaction i, JsonNode data) {
        JsonNode message = messages.post(i.channelId(), write(i, data));
        interactions.original(i.interactionId(), Snowflake.parse(message.path("message_id").asString()),
                json.writeValueAsString(message));
        return message;
    }

    private Interaction answered(long applicationId, String token) {
        Interaction i = interactions.findByApplicationToken(applicationId, InteractionTokens.hash(token),
                        clock.instant())
                .filter(found -> found.failedAt() == null)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_INTERACTION));
        if (i.acknowledgedAt() == null) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Answer the interaction with its callback first");
        }
        return i;
    }

    private MessageWrite write(Interaction i, JsonNode data) {
        JsonNode d = data == null ? json.missingNode() : data;
        return MessageWrite.byBot(Snowflake.format(i.botUserId()), text(d, "content"), tree(d, "embeds"),
                        tree(d, "components"), null)
                .answering(new MessageWrite.Interaction(Snowflake.format(i.interactionId()), i.commandName(),
                        Snowflake.format(i.userId())));
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static JsonNode tree(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v;
    }
}
