package dev.guildhall.bot.application;

import java.time.Instant;

/** An application as stored; never leaves the service (controllers map it to {@link ApplicationResponse}). */
public record Application(long applicationId, long ownerId, long botUserId, String name, String description,
                          long flags, Instant createdAt, Instant updatedAt) {

    public static final int NAME_MIN = 2;
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 400;

    /** Discord's privileged-intent switches, the only flags an owner may set (enforced at IDENTIFY later). */
    public static final long GATEWAY_PRESENCE = 1L << 12;
    public static final long GATEWAY_GUILD_MEMBERS = 1L << 14;
    public static final long GATEWAY_MESSAGE_CONTENT = 1L << 18;
    public static final long SETTABLE_FLAGS = GATEWAY_PRESENCE | GATEWAY_GUILD_MEMBERS | GATEWAY_MESSAGE_CONTENT;
}
