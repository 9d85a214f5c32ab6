package dev.guildhall.websocket.servercache;

import dev.guildhall.common.permission.PermissionOverwrite;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** A channel as the permission check needs it, plus its v1 object for READY and SERVER_CREATE. */
public record ChannelState(long channelId, List<PermissionOverwrite> overwrites, ObjectNode object) {
}
