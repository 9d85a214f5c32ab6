package dev.guildhall.bot.command;

import dev.guildhall.bot.interaction.InteractionProperties;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * server-service, which owns membership and permissions: what a user may do in a channel or a server
 * ({@code GET /internal/permissions}) and who is in a server ({@code GET /internal/servers/{id}/snapshot}).
 */
@Component
public class Servers {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;

    Servers(InteractionProperties properties, InternalClients clients, ResilientCalls calls) {
        this.http = clients.to(properties.serverUrl(), properties.callTimeout());
        this.calls = calls;
    }

    /** In a channel (overwrites applied); an unknown channel is 404 UNKNOWN_CHANNEL. */
    public PermissionsAnswer inChannel(long userId, long channelId) {
        try {
            return calls.call(DEPENDENCY, () -> http.get().uri(uri -> uri.path(InternalApi.PERMISSIONS)
                    .queryParam("user_id", userId).queryParam("channel_id", channelId).build())
                    .retrieve().body(PermissionsAnswer.class));
        } catch (ClientErrorException e) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
        }
    }

    /** Server-wide; an unknown server is 404 UNKNOWN_SERVER. */
    public PermissionsAnswer inServer(long userId, long serverId) {
        try {
            return calls.call(DEPENDENCY, () -> http.get().uri(uri -> uri.path(InternalApi.PERMISSIONS)
                    .queryParam("user_id", userId).queryParam("server_id", serverId).build())
                    .retrieve().body(PermissionsAnswer.class));
        } catch (ClientErrorException e) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER);
        }
    }

    public ServerSnapshot snapshot(long serverId) {
        try {
            return calls.call(DEPENDENCY, () -> http.get().uri(InternalApi.SERVER_SNAPSHOT, serverId)
                    .retrieve().body(ServerSnapshot.class));
        } catch (ClientErrorException e) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER);
        }
    }
}
