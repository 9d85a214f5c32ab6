package dev.guildhall.server.server;

import dev.guildhall.server.channel.ChannelResponse;
import dev.guildhall.server.role.RoleResponse;

import java.time.Instant;
import java.util.List;

/** {@code SERVER_CREATE} data: the server object plus its first channels and roles. */
public record ServerCreated(String serverId, String serverName, String ownerId, String iconUrl, Instant createdAt,
                            List<ChannelResponse> channels, List<RoleResponse> roles) {
}
