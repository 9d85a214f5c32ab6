package dev.guildhall.voice.node;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.media.ColibriPatch.MediaPermissions;
import dev.guildhall.common.media.ColibriPatch;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.voice.config.VoiceProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A media node's Colibri2-shaped control API ({@code PATCH /internal/colibri/conferences/{id}} with a
 * {@link ColibriPatch}, the contract the node reads): create a
 * channel's conference, allocate, update or expire an endpoint in it, expire it. Each node has its own
 * circuit breaker ({@code media-node:<id>}), so one sick node does not block allocations on the others.
 * The conference id is the channel id: one conference per voice channel.
 */
@Component
public class MediaNodeClient implements NodeControl {

    private final VoiceProperties properties;
    private final InternalClients internalClients;
    private final ResilientCalls calls;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    public MediaNodeClient(VoiceProperties properties, InternalClients internalClients, ResilientCalls calls) {
        this.properties = properties;
        this.internalClients = internalClients;
        this.calls = calls;
    }

    @Override
    public void allocate(MediaNode node, long serverId, long channelId, String sessionId, long userId,
                         MediaPermissions permissions) {
        patch(node, channelId, conference(serverId, channelId, true, false, new ColibriPatch.Endpoint(sessionId,
                true, null, Long.toString(userId), permissions, null)));
    }

    @Override
    public void update(MediaNode node, long serverId, long channelId, String sessionId, MediaPermissions permissions) {
        patch(node, channelId, conference(serverId, channelId, false, false, new ColibriPatch.Endpoint(sessionId,
                null, null, null, permissions, null)));
    }

    @Override
    public void expireEndpoint(MediaNode node, long serverId, long channelId, String sessionId) {
        patch(node, channelId, conference(serverId, channelId, false, false, new ColibriPatch.Endpoint(sessionId,
                null, true, null, null, null)));
    }

    @Override
    public void expireConference(MediaNode node, long serverId, long channelId) {
        patch(node, channelId, conference(serverId, channelId, false, true, null));
    }

    private static ColibriPatch conference(long serverId, long channelId, boolean create, boolean expire,
                                           ColibriPatch.Endpoint endpoint) {
        return new ColibriPatch(create, expire, Long.toString(channelId), Long.toString(serverId),
                endpoint == null ? List.of() : List.of(endpoint));
    }

    private void patch(MediaNode node, long channelId, ColibriPatch body) {
        if (node.controlUrl().isEmpty()) {
            throw new GuildhallException(ErrorCode.NO_MEDIA_NODE, "Media node " + node.nodeId() + " has no control URL");
        }
        RestClient http = clients.computeIfAbsent(node.controlUrl(),
                url -> internalClients.to(url, properties.callTimeout()));
        try {
            calls.call("media-node:" + node.nodeId(), () -> http.patch()
                    .uri(InternalApi.COLIBRI_CONFERENCE, channelId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity());
        } catch (ClientErrorException e) {
            throw new GuildhallException(e.status() == 404 ? ErrorCode.UNKNOWN_CONFERENCE : ErrorCode.SERVICE_UNAVAILABLE,
                    "Media node " + node.nodeId() + " refused the allocation");
        }
    }
}
