package dev.guildhall.server.internal;

import dev.guildhall.server.channel.ChannelResponse;
import dev.guildhall.server.role.RoleResponse;
import dev.guildhall.server.server.ServerResponse;

import java.util.List;

/** Shapes of the internal endpoints (ids and permissions as decimal strings, like the public API). */
public final class InternalResponses {

    private InternalResponses() {
    }

    /**
     * {@code GET /internal/permissions}: {@code channel_id} is null for the server-wide (base)
     * variant (and {@code channel_type} null); a non-member has {@code member: false} and permissions {@code "0"}.
     */
    public record Permissions(String serverId, String channelId, String userId, boolean member, String permissions,
                              String channelType) {
    }

    /** {@code GET /internal/servers/{id}/snapshot}. */
    public record Snapshot(ServerResponse server, String ownerId, List<ChannelResponse> channels,
                           List<RoleResponse> roles, List<SnapshotMember> members, int memberCount) {
    }

    /** A member's role ids (without @everyone). */
    public record SnapshotMember(String userId, List<String> roles) {
    }

    /** {@code GET /internal/users/{id}/servers}. */
    public record UserServers(String userId, List<String> serverIds) {
    }
}
