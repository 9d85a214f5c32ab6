package dev.guildhall.voice.node;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.HttpClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.InternalProperties;
import dev.guildhall.voice.config.VoiceProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A media node's Colibri2-shaped control API ({@code PATCH /internal/colibri/conferences/{id}}): create a
 * channel's conference, allocate, update or expire an endpoint in it, expire it. Each node has its own
 * circuit breaker ({@code media-node:<id>}), so one sick node does not block allocations on the others.
 * The conference id is the channel id: one conference per voice channel.
 */
@Component
public class MediaNodeClient {

    private final VoiceProperties properties;
    private final InternalProperties internal;
    private final ResilientCalls calls;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    public MediaNodeClient(VoiceProperties properties, InternalProperties internal, ResilientCalls calls) {
        this.properties = properties;
        this.internal = internal;
        this.calls = calls;
    }

    /** What the node may let the endpoint send. */
    public record MediaPermissions(boolean speak, boolean video, boolean stream) {
    }

    public void allocate(MediaNode node, long serverId, long channelId, String sessionId, long userId,
                         MediaPermissions permissions) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("id", sessionId);
        endpoint.put("create", true);
        endpoint.put("user_id", Long.toString(userId));
        endpoint.put("permissions", permissions(permissions));
        patch(node, channelId, conference(serverId, channelId, true, false, List.of(endpoint)));
    }

    public void update(MediaNode node, long serverId, long channelId, String sessionId, MediaPermissions permissions) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("id", sessionId);
        endpoint.put("permissions", permissions(permissions));
        patch(node, channelId, conference(serverId, channelId, false, false, List.of(endpoint)));
    }

    public void expireEndpoint(MediaNode node, long serverId, long channelId, String sessionId) {
        patch(node, channelId, conference(serverId, channelId, false, false,
                List.of(Map.of("id", sessionId, "expire", true))));
    }

    public void expireConference(MediaNode node, long serverId, long channelId) {
        patch(node, channelId, conference(serverId, channelId, false, true, List.of()));
    }

    private static Map<String, Object> conference(long serverId, long channelId, boolean create, boolean expire,
                                                  List<Map<String, Object>> endpoints) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("create", create);
        body.put("expire", expire);
        body.put("server_id", Long.toString(serverId));
        body.put("channel_id", Long.toString(channelId));
        body.put("endpoints", endpoints);
        return body;
    }

    private static Map<String, Object> permissions(MediaPermissions p) {
        return Map.of("speak", p.speak(), "video", p.video(), "stream", p.stream());
    }

    private void patch(MediaNode node, long channelId, Map<String, Object> body) {
        if (node.controlUrl().isEmpty()) {
            throw new GuildhallException(ErrorCode.NO_MEDIA_NODE, "Media node " + node.nodeId() + " has no control URL");
        }
        RestClient http = clients.computeIfAbsent(node.controlUrl(),
                url -> HttpClients.internal(url, internal.internalToken(), properties.callTimeout()));
        try {
            calls.call("media-node:" + node.nodeId(), () -> http.patch()
                    .uri("/internal/colibri/conferences/{id}", channelId)
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
