package dev.guildhall.server.role;

import dev.guildhall.server.access.RoleRef;

/**
 * A row of {@code roles}. The role whose id is the server id is @everyone, always at position 0. A role
 * with {@code managedBy} (a bot's user id, else 0) is that bot's managed role (ADR 153).
 */
public record RoleRow(long roleId, long serverId, String name, long permissions, int color, int position,
                      boolean hoist, boolean mentionable, long managedBy) {

    public static final String EVERYONE = "@everyone";

    public boolean isEveryone() {
        return roleId == serverId;
    }

    /** Changed only by adding or removing its bot, never by hand. */
    public boolean managed() {
        return managedBy != 0;
    }

    public RoleRef ref() {
        return new RoleRef(roleId, position, permissions);
    }

    public RoleRow withPosition(int newPosition) {
        return new RoleRow(roleId, serverId, name, permissions, color, newPosition, hoist, mentionable, managedBy);
    }
}
