package dev.guildhall.server.role;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.permission.Permission;

/** The v1 role object; permissions as a decimal string; {@code managed} for a bot's role (ADR 153). */
public record RoleResponse(String roleId, String serverId, String name, String permissions, int color, int position,
                           boolean hoist, boolean mentionable, boolean managed) {

    public static RoleResponse of(RoleRow row) {
        return new RoleResponse(Snowflake.format(row.roleId()), Snowflake.format(row.serverId()), row.name(),
                Permission.format(row.permissions()), row.color(), row.position(), row.hoist(), row.mentionable(),
                row.managed());
    }
}
