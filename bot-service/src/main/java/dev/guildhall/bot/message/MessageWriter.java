package dev.guildhall.bot.message;

import dev.guildhall.bot.config.BotProperties;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * message-service's internal write path (ADR 155): bot-service authorises, message-service — the owner of
 * messages — validates, stores and publishes. Behind a breaker and a timeout, never retried (a write is not
 * idempotent). message-service's refusals reach our caller as the same problem: its {@code code}, its
 * {@code detail} and its {@code errors} (an embed over Discord's limits is the client's 400, not ours).
 */
@Component
public class MessageWriter {

    static final String DEPENDENCY = "message-service-write";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    MessageWriter(BotProperties properties, InternalClients clients, ResilientCalls calls, JsonMapper json) {
        this.http = clients.builder(properties.messageUrl(), properties.callTimeout())
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw new Refused(response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                })
                .build();
        this.calls = calls;
        this.json = json;
    }

    /** @return the v1 message object */
    public JsonNode post(long channelId, MessageWrite message) {
        return call(() -> http.post().uri(InternalApi.CHANNEL_MESSAGES, channelId)
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(message))
                .retrieve().body(String.class));
    }

    /** @return the message as it is now */
    public JsonNode edit(long channelId, long messageId, MessageWrite.Edit edit) {
        return call(() -> http.patch().uri(InternalApi.CHANNEL_MESSAGE, channelId, messageId)
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(edit))
                .retrieve().body(String.class));
    }

    public void delete(long channelId, long messageId) {
        call(() -> {
            http.delete().uri(InternalApi.CHANNEL_MESSAGE, channelId, messageId).retrieve().toBodilessEntity();
            return "";
        });
    }

    private JsonNode call(java.util.function.Supplier<String> request) {
        try {
            String body = calls.call(DEPENDENCY, request);
            return body == null || body.isEmpty() ? json.missingNode() : json.readTree(body);
        } catch (Refused e) {
            throw refusal(e);
        }
    }

    /** message-service's 4xx problem, as ours. */
    private GuildhallException refusal(Refused e) {
        JsonNode problem;
        try {
            problem = json.readTree(e.body);
        } catch (RuntimeException unreadable) {
            problem = json.missingNode();
        }
        ErrorCode code = code(problem.path("code").asString(""), e.status());
        Map<String, Object> properties = new LinkedHashMap<>();
        if (problem.has("errors")) {
            properties.put("errors", json.convertValue(problem.get("errors"), Map.class));
        }
        String detail = problem.path("detail").asString(code.title());
        return new GuildhallException(code, detail, properties);
    }

    private static ErrorCode code(String name, int status) {
        try {
            ErrorCode code = ErrorCode.valueOf(name);
            if (code.status() == status) {
                return code;
            }
        } catch (IllegalArgumentException unknown) {
            // fall through
        }
        return status == 404 ? ErrorCode.NOT_FOUND : status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE
                : ErrorCode.VALIDATION_FAILED;
    }

    /** A 4xx from message-service with its body (a {@link ClientErrorException}: not retried, not counted). */
    static final class Refused extends ClientErrorException {

        private final String body;

        Refused(int status, String body) {
            super(status, "message-service answered " + status);
            this.body = body;
        }
    }
}
