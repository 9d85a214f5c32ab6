package dev.guildhall.message.internal;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.message.message.Embed;
import dev.guildhall.message.message.MessageRequests;
import dev.guildhall.message.message.MessageService;
import dev.guildhall.message.message.Origin;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Reads the {@link MessageWrite} contract into the message feature's own terms, refusing what cannot be one. */
@Component
class InternalWrites {

    static final int MAX_USERNAME = 80;
    static final int MAX_AVATAR_URL = 2048;
    static final int MAX_COMMAND_NAME = 100;
    private static final TypeReference<List<Embed>> EMBEDS = new TypeReference<>() {
    };

    private final JsonMapper json;

    InternalWrites(JsonMapper json) {
        this.json = json;
    }

    MessageService.Post post(MessageWrite w) {
        if ((w.authorId() == null) == (w.webhookId() == null)) {
            throw invalid("author_id", "exactly one of author_id and webhook_id is required");
        }
        Origin origin;
        long author;
        if (w.webhookId() != null) {
            author = Snowflake.parse(w.webhookId());
            String name = w.username() == null ? "" : w.username().strip();
            if (name.isEmpty() || name.length() > MAX_USERNAME) {
                throw invalid("username", "1 to " + MAX_USERNAME + " characters for a webhook's message");
            }
            if (w.avatarUrl() != null && w.avatarUrl().length() > MAX_AVATAR_URL) {
                throw invalid("avatar_url", "at most " + MAX_AVATAR_URL + " characters");
            }
            origin = Origin.webhook(author, name, w.avatarUrl());
        } else {
            author = Snowflake.parse(w.authorId());
            origin = Origin.NONE;
        }
        if (w.interaction() != null) {
            MessageWrite.Interaction i = w.interaction();
            if (i.interactionId() == null || i.userId() == null || i.name() == null || i.name().isBlank()
                    || i.name().length() > MAX_COMMAND_NAME) {
                throw invalid("interaction", "interaction_id, name (1 to " + MAX_COMMAND_NAME
                        + " characters) and user_id are required");
            }
            origin = origin.withInteraction(Snowflake.parse(i.interactionId()), i.name(), Snowflake.parse(i.userId()));
        }
        return new MessageService.Post(author, origin, w.content(), embeds(w.embeds()), components(w.components()),
                w.replyTo());
    }

    MessageRequests.Edit edit(MessageWrite.Edit e) {
        return new MessageRequests.Edit(e.content(), embeds(e.embeds()), components(e.components()));
    }

    private List<Embed> embeds(Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            return json.convertValue(raw, EMBEDS);
        } catch (JacksonException | IllegalArgumentException e) {
            throw invalid("embeds", "must be an array of embed objects");
        }
    }

    private JsonNode components(Object raw) {
        return raw == null ? null : json.valueToTree(raw);
    }

    private static GuildhallException invalid(String field, String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid " + field + ": " + message,
                Map.of("errors", Map.of(field, message)));
    }
}
