package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.GroupDmChange;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.server.config.Patch;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.media.ImageUploadsClient;
import dev.guildhall.support.media.ImageUploadsProperties;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /api/v1/channels/{id}} for an id that is no server channel (ADR 231): the gateway cannot tell a
 * group DM from a server channel by its id, so the route ends here and this forwards the change to message-service,
 * which owns group DMs and checks the caller. Its answer, problem or channel, goes back as it came.
 */
@Component
class GroupDmForwarding {

    private static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "instance", "code");

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    GroupDmForwarding(ImageUploadsProperties messageService, InternalClients clients, ResilientCalls calls, JsonMapper json) {
        this.http = clients.to(messageService.url(), messageService.timeout());
        this.calls = calls;
        this.json = json;
    }

    JsonNode change(long callerId, long channelId, DeferredBody<ChannelRequests.Update> body) {
        ChannelRequests.Update request;
        try {
            request = body.read();
        } catch (RuntimeException invalid) {
            // who may see the channel comes before what is wrong with the body (ADR 250): message-service answers an
            // empty change with 404 to anyone who is not a recipient, so a stranger's bad body cannot tell a group
            // DM's id from a free one; a recipient learns what was wrong
            forward(channelId, new GroupDmChange(Snowflake.format(callerId), false, null, false, null));
            throw invalid;
        }
        if (request.hasServerFields()) {
            // a group DM has no position or category; its name is "name" (Discord's shape)
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
        }
        Patch name = request.name();
        Patch icon = request.iconUploadId();
        return forward(channelId, new GroupDmChange(Snowflake.format(callerId), name != null,
                name == null ? null : name.value(), icon != null, icon == null ? null : icon.value()));
    }

    private JsonNode forward(long channelId, GroupDmChange change) {
        try {
            String body = calls.call(ImageUploadsClient.DEPENDENCY, () -> http.patch()
                    .uri(InternalApi.GROUP_DM, Snowflake.format(channelId))
                    .body(change)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (req, res) -> {
                        throw new Refused(res.getStatusCode().value(), new String(res.getBody().readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    })
                    .body(String.class));
            return json.readTree(body);
        } catch (Refused e) {
            throw problem(e);
        }
    }

    /** message-service's problem as this service's: the same status, code, detail and extra fields. */
    private GuildhallException problem(Refused refused) {
        ErrorCode code;
        JsonNode body;
        try {
            body = json.readTree(refused.body);
            code = ErrorCode.valueOf(body.path("code").asString());
        } catch (RuntimeException e) {
            return new GuildhallException(refused.status() == 404 ? ErrorCode.UNKNOWN_CHANNEL : ErrorCode.VALIDATION_FAILED,
                    "The group DM was not changed");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!PROBLEM_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), json.treeToValue(field.getValue(), Object.class));
            }
        }
        return new GuildhallException(code, body.path("detail").asString(code.name()), extra);
    }

    /** A 4xx of message-service: a client error (neither retried nor counted by the breaker) with its body. */
    static final class Refused extends ClientErrorException {
        private final String body;

        Refused(int status, String body) {
            super(status, "PATCH " + InternalApi.GROUP_DM + " answered " + status);
            this.body = body;
        }
    }
}
