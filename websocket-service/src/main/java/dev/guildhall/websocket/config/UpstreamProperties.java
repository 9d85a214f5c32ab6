package dev.guildhall.websocket.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the services READY is built from live, and how long a call may take before the breaker
 * counts it as failed ({@code guildhall.upstream.*}).
 *
 * @param internalToken sent as {@code X-Guildhall-Internal-Token} on {@code /internal/**} calls
 */
@ConfigurationProperties("guildhall.upstream")
public record UpstreamProperties(
        String authUrl,
        String serverUrl,
        String messageUrl,
        String voiceUrl,
        String internalToken,
        Duration connectTimeout,
        Duration snapshotRetry) {
}
