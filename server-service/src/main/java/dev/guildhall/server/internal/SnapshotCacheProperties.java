package dev.guildhall.server.internal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The in-memory cache of server snapshots behind the internal endpoints (ADR 027).
 *
 * @param maxSize servers kept
 * @param ttl     a safety net only: entries are invalidated by every local change and every server-event
 */
@Validated
@ConfigurationProperties("guildhall.server.snapshot-cache")
public record SnapshotCacheProperties(@Min(1) long maxSize, @NotNull Duration ttl) {
}
