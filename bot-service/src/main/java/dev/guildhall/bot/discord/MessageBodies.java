package dev.guildhall.bot.discord;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discord's message bodies → message-service's. Accepts everything the libraries send ({@code tts: false},
 * {@code poll: null}, {@code components: []}, {@code enforce_nonce}, {@code allowed_mentions}, {@code flags},
 * numeric or string nonces beyond int64) and refuses only what Discord refuses.
 */
@Component
public class MessageBodies {

    /** Discord's own limits. */
    static final int MAX_CONTENT = 2000;
    static final int MAX_NONCE = 25;

    public Map<String, Object> send(JsonNode body) {
        requireObject(body);
        String content = content(body);
        boolean hasEmbeds = body.path("embeds").isArray() && !body.path("embeds").isEmpty();
        if (content.isEmpty() && !hasEmbeds) {
            throw new DiscordApiException(400, 50006, "Cannot send an empty message");
        }
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("content", content);
        JsonNode nonce = body.path("nonce");
        if (nonce.isNumber() || nonce.isString()) {
            // JSON numbers beyond int64 arrive as big integers: kept digit for digit, as text
            String text = nonce.isNumber() ? nonce.numberValue().toString() : nonce.asString();
            if (text.length() > MAX_NONCE) {
                throw DiscordApiException.invalidForm("nonce", "Must be 25 or fewer in length.");
            }
            send.put("nonce", text);
        } else if (!nonce.isMissingNode() && !nonce.isNull()) {
            throw DiscordApiException.invalidForm("nonce", "Must be a string or an integer.");
        }
        JsonNode reference = body.path("message_reference");
        if (reference.isObject() && reference.path("message_id").isString()) {
            send.put("reply_to", reference.path("message_id").asString());
        } else if (reference.isObject() && reference.path("message_id").isIntegralNumber()) {
            send.put("reply_to", reference.path("message_id").numberValue().toString());
        }
        if (hasEmbeds) {
            send.put("embeds", body.path("embeds"));
        }
        return send;
    }

    public Map<String, Object> edit(JsonNode body) {
        requireObject(body);
        if (!body.has("content") || body.path("content").isNull()) {
            // an edit of embeds or flags only: nothing Guildhall can change yet
            throw DiscordApiException.invalidForm("content", "Editing anything but content is not supported.");
        }
        return Map.of("content", content(body));
    }

    private static String content(JsonNode body) {
        JsonNode content = body.path("content");
        if (content.isMissingNode() || content.isNull()) {
            return "";
        }
        if (!content.isString()) {
            throw DiscordApiException.invalidForm("content", "Must be a string.");
        }
        if (content.asString().length() > MAX_CONTENT) {
            throw DiscordApiException.invalidForm("content", "Must be 2000 or fewer in length.");
        }
        return content.asString();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
    }
}
