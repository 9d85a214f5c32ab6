package dev.guildhall.websocket.upstream;

import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.websocket.config.UpstreamProperties;
import dev.guildhall.websocket.servercache.SnapshotSource;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.guildhall.websocket.protocol.JsonFields.id;

/**
 * The calls READY and the permission cache make. Shapes assumed (see ADR 074):
 * <ul>
 *   <li>auth-service {@code GET /api/v1/users/@me} (user's bearer token) → user object</li>
 *   <li>server-service {@code GET /internal/users/{id}/servers} → {@code {user_id, server_ids: [...]}}
 *       (an array of server objects is accepted too)</li>
 *   <li>server-service {@code GET /internal/servers/{id}/snapshot} → the {@code ServerSnapshot} contract,
 *       read by {@code SnapshotParser}</li>
 *   <li>message-service {@code GET /internal/read-states?user_id=} → array of read states (or
 *       {@code {read_states: [...]}})</li>
 *   <li>voice-service {@code GET /internal/voice-states?server_ids=} → {@code {voice_states: [...]}}</li>
 * </ul>
 */
public final class UpstreamClients implements SnapshotSource {


    private final Upstream auth;
    private final Upstream server;
    private final Upstream message;
    private final Upstream voice;
    private final UpstreamProperties properties;

    public UpstreamClients(Upstream auth, Upstream server, Upstream message, Upstream voice,
                           UpstreamProperties properties) {
        this.auth = auth;
        this.server = server;
        this.message = message;
        this.voice = voice;
        this.properties = properties;
    }

    public Mono<JsonNode> currentUser(String token) {
        return auth.get("/api/v1/users/@me", h -> h.setBearerAuth(token));
    }

    /**
     * One user's profile from auth-service's internal lookup ({@code GET /internal/users?ids=}): a bot's user
     * object for its READY (auth-service's {@code /users/@me} takes no bot token). Empty answer → error.
     */
    public Mono<JsonNode> userProfile(long userId) {
        return auth.get("/internal/users?ids=" + userId, this::internal).flatMap(body -> body.isArray()
                && !body.isEmpty() ? Mono.just(body.get(0)) : Mono.error(new IllegalStateException("no such user")));
    }

    public Mono<List<Long>> serverIdsOf(long userId) {
        return server.get("/internal/users/" + userId + "/servers", this::internal).map(body -> {
            JsonNode list = body.isArray() ? body
                    : body.has("server_ids") ? body.path("server_ids") : body.path("servers");
            List<Long> ids = new ArrayList<>();
            for (JsonNode s : list) {
                long serverId = s.isObject() ? id(s, "server_id") : id(s);
                if (serverId != 0) {
                    ids.add(serverId);
                }
            }
            return ids;
        });
    }

    private void internal(org.springframework.http.HttpHeaders headers) {
        headers.set(InternalApi.TOKEN_HEADER, properties.internalToken());
    }

    @Override
    public Mono<JsonNode> snapshot(long serverId) {
        return server.get(UriComponentsBuilder.fromPath(InternalApi.SERVER_SNAPSHOT).buildAndExpand(serverId)
                .toUriString(), this::internal);
    }

    public Mono<JsonNode> readStates(long userId) {
        return message.get("/internal/read-states?user_id=" + userId, this::internal)
                .map(body -> body.isArray() ? body
                        : body.path("read_states").isArray() ? body.path("read_states")
                        : JsonNodeFactory.instance.arrayNode());
    }

    /** The voice states of the servers, by server id (servers without any are absent). */
    public Mono<Map<Long, List<JsonNode>>> voiceStates(List<Long> serverIds) {
        if (serverIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        String ids = serverIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return voice.get("/internal/voice-states?server_ids=" + ids, this::internal).map(body -> {
            Map<Long, List<JsonNode>> byServer = new HashMap<>();
            for (JsonNode state : body.path("voice_states")) {
                byServer.computeIfAbsent(id(state, "server_id"), k -> new ArrayList<>()).add(state);
            }
            return byServer;
        });
    }
}
