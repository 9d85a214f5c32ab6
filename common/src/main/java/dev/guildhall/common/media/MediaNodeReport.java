package dev.guildhall.common.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Instant;

/**
 * A media node's load report, written by the node itself every few seconds to Redis under
 * {@link MediaRedisKeys#node(String)} (with a TTL, so a dead node's report vanishes) and read by
 * voice-service (placement, failover) and the gateway (where a node's signalling socket is).
 *
 * @param signalUrl  the client-facing signalling WebSocket
 * @param controlUrl the internal Colibri2-shaped control API
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaNodeReport(
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("signal_url") String signalUrl,
        @JsonProperty("control_url") String controlUrl,
        @JsonProperty("conferences") @JsonSetter(nulls = Nulls.AS_EMPTY) int conferences,
        @JsonProperty("endpoints") @JsonSetter(nulls = Nulls.AS_EMPTY) int endpoints,
        @JsonProperty("packets_per_second") @JsonSetter(nulls = Nulls.AS_EMPTY) double packetsPerSecond,
        @JsonProperty("cpu") @JsonSetter(nulls = Nulls.AS_EMPTY) double cpu,
        @JsonProperty("draining") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean draining,
        @JsonProperty("reported_at") Instant reportedAt) {
}
