package dev.guildhall.server.channel;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The v1 channel object, with its permission overwrites. */
public record ChannelResponse(String channelId, String serverId, String channelName, String channelType,
                              String parentId, int position, List<Overwrite> permissionOverwrites) {

    /** One overwrite: {@code id} of the role or member, {@code type} role or member, bits as decimal strings. */
    public record Overwrite(String id, String type, String allow, String deny) {

        public static Overwrite of(PermissionOverwrite o) {
            return new Overwrite(Snowflake.format(o.targetId()), o.type().wire(), Permission.format(o.allow()),
                    Permission.format(o.deny()));
        }
    }

    public static ChannelResponse of(ChannelRow row, Collection<PermissionOverwrite> overwrites) {
        List<Overwrite> list = overwrites.stream()
                .sorted(Comparator.comparingLong(PermissionOverwrite::targetId))
                .map(Overwrite::of)
                .toList();
        return new ChannelResponse(Snowflake.format(row.channelId()), Snowflake.format(row.serverId()), row.name(),
                row.type().wire(), row.parentId() == null ? null : Snowflake.format(row.parentId()), row.position(), list);
    }
}
