package dev.guildhall.server.server;

import dev.guildhall.common.id.Snowflake;

import java.time.Instant;

/** The v1 server object. */
public record ServerResponse(String serverId, String serverName, String ownerId, String iconUrl, Instant createdAt) {

    public static ServerResponse of(ServerRow row) {
        return new ServerResponse(Snowflake.format(row.serverId()), row.serverName(), Snowflake.format(row.ownerId()),
                row.iconUrl(), row.createdAt());
    }
}
