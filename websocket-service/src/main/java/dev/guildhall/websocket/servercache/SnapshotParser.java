package dev.guildhall.websocket.servercache;

import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.guildhall.websocket.protocol.JsonFields.bits;
import static dev.guildhall.websocket.protocol.JsonFields.id;

/**
 * Reads server-service's {@code GET /internal/servers/{id}/snapshot} as the shared contract
 * {@link ServerSnapshot}, and channel objects of {@code CHANNEL_*} events. The server, channel and role objects
 * are kept as JSON for READY and SERVER_CREATE, written from the contract's records.
 */
public final class SnapshotParser {

    /** The contract names its own fields: no naming strategy needed. */
    private static final JsonMapper CONTRACT = JsonMapper.builder().build();

    private SnapshotParser() {
    }

    public static ServerState parse(long expectedServerId, JsonNode snapshot) {
        return parse(expectedServerId, CONTRACT.treeToValue(snapshot, ServerSnapshot.class));
    }

    public static ServerState parse(long expectedServerId, ServerSnapshot snapshot) {
        long serverId = snapshot.server() == null ? 0 : parseId(snapshot.server().serverId());
        if (serverId == 0) {
            serverId = expectedServerId;
        } else if (serverId != expectedServerId) {
            throw new IllegalArgumentException("snapshot of server " + serverId + " for " + expectedServerId);
        }
        long ownerId = snapshot.server() == null ? 0 : parseId(snapshot.server().ownerId());
        ObjectNode server = snapshot.server() == null ? CONTRACT.createObjectNode() : CONTRACT.valueToTree(snapshot.server());
        ServerState state = new ServerState(serverId, ownerId != 0 ? ownerId : parseId(snapshot.ownerId()), server);
        for (ServerSnapshot.Role role : snapshot.roles()) {
            long roleId = parseId(role.roleId());
            if (roleId != 0) {
                state.putRole(roleId, role.permissions() == null ? 0 : Permission.parse(role.permissions()),
                        CONTRACT.valueToTree(role));
            }
        }
        for (ServerSnapshot.Channel channel : snapshot.channels()) {
            long channelId = parseId(channel.channelId());
            if (channelId != 0) {
                state.putChannel(new ChannelState(channelId, overwrites(channel.permissionOverwrites()),
                        CONTRACT.valueToTree(channel)));
            }
        }
        for (ServerSnapshot.Member member : snapshot.members()) {
            long userId = parseId(member.userId());
            if (userId != 0) {
                Set<Long> roles = new HashSet<>();
                member.roles().forEach(r -> roles.add(parseId(r)));
                roles.remove(0L);
                state.putMember(userId, roles);
            }
        }
        return state;
    }

    private static List<PermissionOverwrite> overwrites(List<ServerSnapshot.Overwrite> wire) {
        List<PermissionOverwrite> overwrites = new ArrayList<>();
        for (ServerSnapshot.Overwrite o : wire) {
            try {
                overwrites.add(new PermissionOverwrite(parseId(o.id()), PermissionOverwrite.Type.fromWire(
                        o.type() == null ? "" : o.type()), o.allow() == null ? 0 : Permission.parse(o.allow()),
                        o.deny() == null ? 0 : Permission.parse(o.deny())));
            } catch (IllegalArgumentException e) {
                // an overwrite of a kind we do not know grants nothing
            }
        }
        return List.copyOf(overwrites);
    }

    private static long parseId(String id) {
        try {
            return id == null ? 0 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
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
}
