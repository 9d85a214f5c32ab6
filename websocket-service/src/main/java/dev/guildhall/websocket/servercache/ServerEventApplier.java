package dev.guildhall.websocket.servercache;

import dev.guildhall.common.event.EventTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;

import static dev.guildhall.websocket.protocol.JsonFields.bits;
import static dev.guildhall.websocket.protocol.JsonFields.id;
import static dev.guildhall.websocket.protocol.JsonFields.ids;
import static dev.guildhall.websocket.protocol.JsonFields.unwrap;

/**
 * Applies one {@code server-events} event to a cached {@link ServerState}. Every payload carries
 * the whole new object (a channel with all its overwrites, a member with all its roles), so
 * applying is "replace", which also makes a redelivered event harmless.
 */
public final class ServerEventApplier {

    private ServerEventApplier() {
    }

    /** @return whether the event changed permission inputs or membership */
    public static boolean apply(ServerState state, String type, JsonNode data) {
        switch (type) {
            case EventTypes.CHANNEL_CREATE, EventTypes.CHANNEL_UPDATE -> {
                ChannelState channel = SnapshotParser.channel(unwrap(data, "channel"));
                if (channel == null) {
                    return false;
                }
                state.putChannel(channel);
                return true;
            }
            case EventTypes.CHANNEL_DELETE -> {
                return state.removeChannel(id(unwrap(data, "channel"), "channel_id")) != null;
            }
            case EventTypes.SERVER_ROLE_CREATE, EventTypes.SERVER_ROLE_UPDATE -> {
                JsonNode role = unwrap(data, "role");
                long roleId = id(role, "role_id");
                if (roleId == 0 || !role.isObject()) {
                    return false;
                }
                state.putRole(roleId, bits(role, "permissions"), (ObjectNode) role);
                return true;
            }
            case EventTypes.SERVER_ROLE_DELETE -> {
                long roleId = id(data, "role_id");
                state.removeRole(roleId != 0 ? roleId : id(data.path("role"), "role_id"));
                return true;
            }
            case EventTypes.SERVER_MEMBER_ADD, EventTypes.SERVER_MEMBER_UPDATE -> {
                JsonNode member = unwrap(data, "member");
                long userId = SnapshotParser.memberUserId(member);
                if (userId == 0) {
                    return false;
                }
                state.putMember(userId, new HashSet<>(ids(member.get("roles"), "role_id")));
                return true;
            }
            case EventTypes.SERVER_MEMBER_REMOVE, EventTypes.SERVER_BAN_ADD -> {
                long userId = SnapshotParser.memberUserId(data);
                state.removeMember(userId);
                return userId != 0;
            }
            case EventTypes.SERVER_UPDATE -> {
                JsonNode server = unwrap(data, "server");
                if (server.isObject()) {
                    state.updateServer(id(server, "owner_id"), (ObjectNode) server);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
