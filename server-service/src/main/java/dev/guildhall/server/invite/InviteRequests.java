package dev.guildhall.server.invite;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Request bodies of the invite endpoints. */
public final class InviteRequests {

    /** Seven days, the longest an expiring invite may live. */
    public static final int MAX_AGE = 604_800;
    public static final int DEFAULT_MAX_AGE = 86_400;

    private InviteRequests() {
    }

    /** {@code max_age} seconds (0 = never, default 86400); {@code max_uses} (0 = unlimited, default 0). */
    public record Create(@Min(0) @Max(MAX_AGE) Integer maxAge, @Min(0) @Max(100) Integer maxUses) {
    }
}
