package dev.guildhall.voice.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param tokenSecret      signs voice tokens; the media nodes hold the same one (ADR 007)
 * @param tokenTtl         how long a voice token may be presented
 * @param serverUrl        server-service, for permissions and channel types
 * @param callTimeout      connect + read timeout of one call to server-service or a media node
 * @param nodeStaleAfter   a node whose last load report is older than this is dead
 * @param watchdogInterval how often dead nodes are looked for
 * @param moveGrace        how long a draining node's old conference outlives its move: the members' clients keep
 *                         their old connection until the new one carries audio (make-before-break, ADR 281)
 * @param signalBaseUrl    the public base of media signalling through the gateway (e.g.
 *                         {@code wss://chat.example.com/media}): a client's {@code endpoint} is
 *                         {@code <base>/<node id>/signal}; blank = the URL the node reports
 * @param workerId         the snowflake worker id of this process (event ids)
 */
@Validated
@ConfigurationProperties("guildhall.voice")
public record VoiceProperties(@NotBlank String tokenSecret, @NotNull Duration tokenTtl, @NotBlank String serverUrl,
                              @NotNull Duration callTimeout,
                              @NotNull Duration nodeStaleAfter, @NotNull Duration watchdogInterval,
                              @NotNull Duration moveGrace,
                              String signalBaseUrl, @Min(0) @Max(1023) int workerId) {

    /** Where a client opens {@code node}'s signalling socket. */
    public String endpointOf(String nodeId, String reportedSignalUrl) {
        if (signalBaseUrl == null || signalBaseUrl.isBlank()) {
            return reportedSignalUrl;
        }
        String base = signalBaseUrl.endsWith("/") ? signalBaseUrl.substring(0, signalBaseUrl.length() - 1) : signalBaseUrl;
        return base + "/" + nodeId + "/signal";
    }
}
