package dev.guildhall.server.access;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionCalculator;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A member of one server as the permission model sees them: their roles, base permissions and
 * place in the role hierarchy. Every authorization and hierarchy decision of server-service is a
 * method here, so it is unit-tested in one place and the services only ask.
 *
 * <p>Hierarchy (Discord's): the owner outranks everyone; otherwise a member's rank is the highest
 * position among their roles (@everyone is position 0) and they may only manage roles strictly
 * below it and members whose rank is strictly below it.
 */
public final class Actor {

    private final long serverId;
    private final long ownerId;
    private final long userId;
    private final Map<Long, RoleRef> roles;
    private final Set<Long> memberRoles;
    private final long base;
    private final int highest;

    public Actor(long serverId, long ownerId, long userId, Map<Long, RoleRef> roles, Set<Long> memberRoles) {
        this.serverId = serverId;
        this.ownerId = ownerId;
        this.userId = userId;
        this.roles = Map.copyOf(roles);
        this.memberRoles = Set.copyOf(memberRoles);
        Map<Long, Long> permissionsByRole = new java.util.HashMap<>();
        roles.forEach((id, role) -> permissionsByRole.put(id, role.permissions()));
        this.base = PermissionCalculator.basePermissions(serverId, ownerId, userId, permissionsByRole, memberRoles);
        this.highest = rankOf(memberRoles);
    }

    public long serverId() {
        return serverId;
    }

    public long ownerId() {
        return ownerId;
    }

    public long userId() {
        return userId;
    }

    public Set<Long> memberRoles() {
        return memberRoles;
    }

    public boolean isOwner() {
        return userId == ownerId;
    }

    /** Owner or ADMINISTRATOR: bypasses channel overwrites and may grant any bit. */
    public boolean isAdmin() {
        return isOwner() || Permission.ADMINISTRATOR.in(base);
    }

    /** Server-wide permissions (@everyone | roles; everything for owner and administrators). */
    public long base() {
        return base;
    }

    public boolean has(Permission permission) {
        return permission.in(base);
    }

    public void require(Permission permission) {
        if (!has(permission)) {
            throw GuildhallException.missing(permission.name());
        }
    }

    /** Permissions in a channel with these overwrites. */
    public long inChannel(Collection<PermissionOverwrite> overwrites) {
        if (isOwner()) {
            return Permission.ALL;
        }
        return PermissionCalculator.channelPermissions(base, serverId, userId, memberRoles, overwrites);
    }

    public boolean canView(Collection<PermissionOverwrite> overwrites) {
        return Permission.VIEW_CHANNEL.in(inChannel(overwrites));
    }

    /** The highest position among this member's roles; the owner ranks above every role. */
    public int rank() {
        return isOwner() ? Integer.MAX_VALUE : highest;
    }

    /** The rank another member with these roles would have (0 = only @everyone). */
    public int rankOf(Collection<Long> roleIds) {
        int max = 0;
        for (Long id : roleIds) {
            RoleRef role = roles.get(id);
            if (role != null && id != serverId) {
                max = Math.max(max, role.position());
            }
        }
        return max;
    }

    /** May edit, delete, move, assign or remove a role at this position. */
    public boolean outranksRole(int position) {
        return isOwner() || position < highest;
    }

    public void requireOutranksRole(RoleRef role) {
        if (!outranksRole(role.position())) {
            throw new GuildhallException(ErrorCode.ROLE_HIERARCHY,
                    "Role " + role.roleId() + " is not below your highest role");
        }
    }

    /** May moderate (kick, ban, rename, time out) this member. Nobody outranks the owner, nor themselves. */
    public boolean outranksMember(long targetUserId, Collection<Long> targetRoles) {
        if (targetUserId == ownerId || targetUserId == userId) {
            return false;
        }
        return isOwner() || highest > rankOf(targetRoles);
    }

    public void requireOutranksMember(long targetUserId, Collection<Long> targetRoles) {
        if (!outranksMember(targetUserId, targetRoles)) {
            throw new GuildhallException(ErrorCode.ROLE_HIERARCHY,
                    "Member " + targetUserId + " is not below you in the role hierarchy");
        }
    }

    /**
     * Whether this member may change a permission set from {@code before} to {@code after}:
     * every bit that changes must be one they hold in {@code held} (server-wide for roles, in
     * the channel for overwrites), unless they are owner or administrator.
     */
    public boolean canChangeBits(long before, long after, long held) {
        return isAdmin() || ((before ^ after) & ~held) == 0;
    }

    public void requireCanChangeBits(long before, long after, long held) {
        if (!canChangeBits(before, after, held)) {
            long missing = (before ^ after) & ~held;
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS,
                    "You cannot grant or revoke permissions you do not have: " + Permission.decode(missing),
                    Map.of("permissions", Permission.format(missing)));
        }
    }
}
