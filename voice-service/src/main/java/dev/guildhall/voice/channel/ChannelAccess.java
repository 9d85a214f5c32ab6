package dev.guildhall.voice.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.voice.config.VoiceProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

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

    public ChannelAccess(VoiceProperties properties, InternalClients clients, ResilientCalls calls) {
        this.http = clients.to(properties.serverUrl(), properties.callTimeout());
        this.calls = calls;
    }

    /** The channel as {@code userId} sees it; 404 when it does not exist or they may not view it. */
    public VoiceChannel visible(long userId, long channelId) {
        PermissionsAnswer answer = permissions(userId, channelId);
        if (answer == null || !answer.member() || answer.serverId() == null) {
            throw unknown();
        }
        long bits = Permission.parse(answer.permissions() == null ? "0" : answer.permissions());
        if (!Permission.VIEW_CHANNEL.in(bits) && !Permission.ADMINISTRATOR.in(bits)) {
            throw unknown();
        }
        String type = answer.channelType() == null ? "text" : answer.channelType();
        return new VoiceChannel(Long.parseLong(answer.serverId()), channelId, type, bits);
    }

    private PermissionsAnswer permissions(long userId, long channelId) {
        try {
            return calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> b.path(InternalApi.PERMISSIONS)
                            .queryParam("user_id", userId)
                            .queryParam("channel_id", channelId)
                            .build())
                    .retrieve()
                    .body(PermissionsAnswer.class));
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
