package dev.guildhall.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Per-server limits, checked inside the write transaction that would exceed them
 * ({@code LIMIT_REACHED}), and page sizes.
 */
@Validated
@ConfigurationProperties("guildhall.server.limits")
public record ServerLimits(
        @Min(1) int maxChannels,
        @Min(1) int maxRoles,
        @Min(1) int maxOverwritesPerChannel,
        @Min(1) int maxInvitesPerServer,
        @Min(1) @Max(1000) int memberPageDefault,
        @Min(1) @Max(1000) int memberPageMax,
        @Min(1) @Max(1000) int auditPageDefault,
        @Min(1) @Max(1000) int auditPageMax) {

    /** A requested page size, defaulted and capped. */
    public static int page(Integer requested, int defaultSize, int max) {
        if (requested == null) {
            return defaultSize;
        }
        return Math.max(1, Math.min(max, requested));
    }
}
