package dev.guildhall.websocket.upstream;

import dev.guildhall.websocket.config.UpstreamProperties;
import dev.guildhall.websocket.servercache.SnapshotSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.websocket.protocol.JsonFields.id;

/**
 * The calls READY and the permission cache make. Shapes assumed (see ADR 074):
 * <ul>
 *   <li>auth-service {@code GET /api/v1/users/@me} (user's bearer token) → user object</li>
 *   <li>server-service {@code GET /api/v1/users/@me/servers} (user's bearer token) → array of server
 *       objects (or {@code {servers: [...]}})</li>
 *   <li>server-service {@code GET /internal/servers/{id}/snapshot} → see {@code SnapshotParser}</li>
 *   <li>message-service {@code GET /internal/read-states?user_id=} → array of read states (or
 *       {@code {read_states: [...]}})</li>
 * </ul>
 */
public final class UpstreamClients implements SnapshotSource {

    public static final String INTERNAL_TOKEN_HEADER = "X-Guildhall-Internal-Token";

    private final Upstream auth;
    private final Upstream server;
    private final Upstream message;
    private final UpstreamProperties properties;

    public UpstreamClients(Upstream auth, Upstream server, Upstream message, UpstreamProperties properties) {
        this.auth = auth;
        this.server = server;
        this.message = message;
        this.properties = properties;
    }

    public Mono<JsonNode> currentUser(String token) {
        return auth.get("/api/v1/users/@me", h -> h.setBearerAuth(token));
    }

    public Mono<List<Long>> serverIdsOf(String token) {
        return server.get("/api/v1/users/@me/servers", h -> h.setBearerAuth(token)).map(body -> {
            JsonNode list = body.isArray() ? body : body.path("servers");
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

    @Override
    public Mono<JsonNode> snapshot(long serverId) {
        return server.get("/internal/servers/" + serverId + "/snapshot",
                h -> h.set(INTERNAL_TOKEN_HEADER, properties.internalToken()));
    }

    public Mono<JsonNode> readStates(long userId) {
        return message.get("/internal/read-states?user_id=" + userId,
                        h -> h.set(INTERNAL_TOKEN_HEADER, properties.internalToken()))
                .map(body -> body.isArray() ? body
                        : body.path("read_states").isArray() ? body.path("read_states")
                        : JsonNodeFactory.instance.arrayNode());
    }
}
