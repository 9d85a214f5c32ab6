package dev.guildhall.media.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The media node's settings (defaults and their variables are in application.yml).
 *
 * @param nodeId            {@code GUILDHALL_MEDIA_NODE_ID}: this node's id in voice tokens and load reports
 * @param publicAddress     {@code GUILDHALL_MEDIA_PUBLIC_ADDRESS}: the address ICE candidates advertise;
 *                          blank = the first non-loopback IPv4, else 127.0.0.1
 * @param udpPort           {@code GUILDHALL_MEDIA_UDP_PORT}: the one UDP port of all endpoints (0 = any free one)
 * @param signalUrl         {@code GUILDHALL_MEDIA_SIGNAL_URL}: the signalling WebSocket clients are sent to
 * @param controlUrl        {@code GUILDHALL_MEDIA_CONTROL_URL}: where voice-service reaches the control API
 * @param sendQueueCapacity packets queued per receiver before that receiver starts losing packets
 * @param sendThreads       the node's shared sender threads, which drain every receiver's queue;
 *                          0 = max(4, 2 × available processors)
 * @param minBitrate        the lowest REMB the node announces (bits/s)
 * @param maxBitrate        the highest REMB the node announces (bits/s)
 * @param reportInterval    how often the load report is written to Redis
 * @param reportTtl         how long a load report lives in Redis
 * @param drainTimeout      {@code GUILDHALL_MEDIA_DRAIN_TIMEOUT}: how long a stopping node, reported draining, keeps
 *                          forwarding while voice-service moves its conferences to another node (until its last
 *                          endpoint is gone, at most this long; ADR 280)
 */
@Validated
@ConfigurationProperties("guildhall.media")
public record MediaProperties(@NotBlank String nodeId, String publicAddress, @Min(0) int udpPort,
                              @NotBlank String signalUrl, @NotBlank String controlUrl,
                              @Min(16) int sendQueueCapacity, @Min(0) int sendThreads, @Min(10_000) long minBitrate,
                              @Min(10_000) long maxBitrate, Duration reportInterval, Duration reportTtl,
                              Duration drainTimeout) {

    public MediaProperties {
        drainTimeout = drainTimeout != null ? drainTimeout : Duration.ZERO;
    }
}
