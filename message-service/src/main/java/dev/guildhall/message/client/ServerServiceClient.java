package dev.guildhall.message.client;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.ContentPurged;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.message.config.ServiceProperties;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Optional;

/** server-service's internal API: a user's permissions in a channel, a server's snapshot (ADR 063). */
@Component
public class ServerServiceClient {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;

    public ServerServiceClient(ServiceProperties services, InternalClients clients, ResilientCalls calls) {
        this.http = clients.to(services.serverUrl(), services.timeout());
        this.calls = calls;
    }

    /**
     * {@code GET /internal/permissions?user_id=&channel_id=} → {@link PermissionsAnswer}.
     *
     * @return empty when server-service knows no such channel
     */
    public Optional<ChannelPermissions> permissions(long userId, long channelId) {
        try {
            PermissionsAnswer answer = calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> b.path(InternalApi.PERMISSIONS)
                            .queryParam("user_id", userId)
                            .queryParam("channel_id", channelId)
                            .build())
                    .retrieve()
                    .body(PermissionsAnswer.class));
            return ChannelPermissions.of(answer, channelId);
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /internal/servers/{id}/snapshot} → the {@link dev.guildhall.common.internal.ServerSnapshot}
     * contract, reduced to what computing permissions needs.
     *
     * @return empty when server-service knows no such server
     */
    public Optional<ServerSnapshot> snapshot(long serverId) {
        try {
            var body = calls.call(DEPENDENCY, () -> http.get()
                    .uri(InternalApi.SERVER_SNAPSHOT, serverId)
                    .retrieve()
                    .body(dev.guildhall.common.internal.ServerSnapshot.class));
            return Optional.ofNullable(body).map(b -> ServerSnapshot.of(serverId, b));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code POST /internal/servers/{id}/content-purges}: a deleted channel's content is gone, for the
     * server's audit log (ADR 198). Retried by the purge job when it fails.
     *
     * @return false when the server is gone (and its audit log with it)
     */
    public boolean recordContentPurge(long serverId, long channelId, long actorId, long rows, long objects) {
        try {
            calls.call(DEPENDENCY, () -> http.post()
                    .uri(InternalApi.CONTENT_PURGES, serverId)
                    .body(new ContentPurged(Snowflake.format(channelId),
                            actorId == 0 ? null : Snowflake.format(actorId), rows, objects))
                    .retrieve()
                    .toBodilessEntity());
            return true;
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
