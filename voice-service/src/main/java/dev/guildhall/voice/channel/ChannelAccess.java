package dev.guildhall.voice.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.HttpClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.InternalProperties;
import dev.guildhall.voice.config.VoiceProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user may do in a channel, asked of server-service (the owner of channels, roles and overwrites) in one
 * call: {@code /internal/permissions} answers the computed permissions and the channel's type.
 * A channel the user may not see is {@code UNKNOWN_CHANNEL} (404, no existence oracle).
 */
@Component
public class ChannelAccess {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    public ChannelAccess(VoiceProperties properties, InternalProperties internal, ResilientCalls calls, JsonMapper json) {
        this.http = HttpClients.internal(properties.serverUrl(), internal.internalToken(), properties.callTimeout());
        this.calls = calls;
        this.json = json;
    }

    /** The channel as {@code userId} sees it; 404 when it does not exist or they may not view it. */
    public VoiceChannel visible(long userId, long channelId) {
        JsonNode permissions = get("/internal/permissions?user_id=" + userId + "&channel_id=" + channelId);
        if (permissions == null || !permissions.path("member").asBoolean(false)) {
            throw unknown();
        }
        long bits = Permission.parse(permissions.path("permissions").asString("0"));
        if (!Permission.VIEW_CHANNEL.in(bits) && !Permission.ADMINISTRATOR.in(bits)) {
            throw unknown();
        }
        long serverId = Long.parseLong(permissions.path("server_id").asString());
        String type = permissions.path("channel_type").asString("text");
        return new VoiceChannel(serverId, channelId, type, bits);
    }

    private JsonNode get(String path) {
        try {
            String body = calls.call(DEPENDENCY, () -> http.get().uri(path).retrieve().body(String.class));
            return body == null ? null : json.readTree(body);
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static GuildhallException unknown() {
        return new GuildhallException(ErrorCode.UNKNOWN_CHANNEL, "Unknown channel");
    }
}
