package dev.guildhall.server.server;

import java.time.Instant;

/** A row of {@code servers}. */
public record ServerRow(long serverId, String serverName, long ownerId, String iconUrl, int memberCount,
                        Instant createdAt) {
}
