package dev.guildhall.websocket.servercache;

import dev.guildhall.common.permission.PermissionOverwrite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static dev.guildhall.websocket.protocol.JsonFields.bits;
import static dev.guildhall.websocket.protocol.JsonFields.id;
import static dev.guildhall.websocket.protocol.JsonFields.ids;

/**
 * Reads server-service's {@code GET /internal/servers/{id}/snapshot}:
 * <pre>{@code
 * { "server":   {server_id, server_name, owner_id, icon_url, created_at, ...}, "owner_id",
 *   "channels": [{channel_id, ..., permission_overwrites: [{id, type: role|member, allow, deny}]}],
 *   "roles":    [{role_id, name, permissions, position, ...}],
 *   "members":  [{user_id, roles: [role_id, ...]}] }
 * }</pre>
 * Lenient where it costs nothing: server fields at the top level, ids and bits as strings or
 * numbers, members as objects with {@code user.user_id}, or a {@code member_roles} map.
 */
public final class SnapshotParser {

    private SnapshotParser() {
    }

    public static ServerState parse(long expectedServerId, JsonNode snapshot) {
        JsonNode serverNode = snapshot.has("server") && snapshot.get("server").isObject()
                ? snapshot.get("server") : snapshot;
        ObjectNode server = serverObject(serverNode);
        long serverId = id(server, "server_id");
        if (serverId == 0) {
            serverId = expectedServerId;
        } else if (serverId != expectedServerId) {
            throw new IllegalArgumentException("snapshot of server " + serverId + " for " + expectedServerId);
        }
        long ownerId = id(server, "owner_id");
        ServerState state = new ServerState(serverId, ownerId != 0 ? ownerId : id(snapshot, "owner_id"), server);
        for (JsonNode role : snapshot.path("roles")) {
            long roleId = id(role, "role_id");
            if (roleId != 0) {
                state.putRole(roleId, bits(role, "permissions"), (ObjectNode) role);
            }
        }
        for (JsonNode channel : snapshot.path("channels")) {
            ChannelState c = channel(channel);
            if (c != null) {
                state.putChannel(c);
            }
        }
        for (JsonNode member : snapshot.path("members")) {
            long userId = memberUserId(member);
            if (userId != 0) {
                state.putMember(userId, new HashSet<>(ids(member.get("roles"), "role_id")));
            }
        }
        JsonNode memberRoles = snapshot.path("member_roles");
        if (memberRoles.isObject()) {
            memberRoles.forEachEntry((user, roles) -> {
                try {
                    state.putMember(Long.parseLong(user), new HashSet<>(ids(roles, "role_id")));
                } catch (NumberFormatException ignored) {
                    // not an id
                }
            });
        }
        return state;
    }

    /** A channel object (from a snapshot or a CHANNEL_* event); null if it has no id. */
    public static ChannelState channel(JsonNode channel) {
        long channelId = id(channel, "channel_id");
        if (channelId == 0 || !channel.isObject()) {
            return null;
        }
        List<PermissionOverwrite> overwrites = new ArrayList<>();
        for (JsonNode o : channel.path("permission_overwrites")) {
            long target = id(o, "id");
            if (target == 0) {
                target = id(o, "target_id");
            }
            try {
                overwrites.add(new PermissionOverwrite(target, PermissionOverwrite.Type.fromWire(o.path("type").asString("")),
                        bits(o, "allow"), bits(o, "deny")));
            } catch (IllegalArgumentException e) {
                // an overwrite of a kind we do not know grants nothing
            }
        }
        return new ChannelState(channelId, List.copyOf(overwrites), (ObjectNode) channel);
    }

    public static long memberUserId(JsonNode member) {
        long userId = id(member, "user_id");
        return userId != 0 ? userId : id(member.path("user"), "user_id");
    }

    /** The server object without the nested collections a snapshot may carry. */
    private static ObjectNode serverObject(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(List.of("channels", "roles", "members", "member_roles", "server", "member_count"));
        return copy;
    }
}
