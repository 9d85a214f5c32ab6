package dev.guildhall.websocket.servercache;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Where snapshots come from: server-service's {@code /internal/servers/{id}/snapshot}. */
public interface SnapshotSource {

    Mono<JsonNode> snapshot(long serverId);
}
