package dev.guildhall.server.ban;

import java.time.Instant;

/** A row of {@code bans}. */
public record BanRow(long serverId, long userId, String reason, long bannedBy, Instant createdAt) {
}
