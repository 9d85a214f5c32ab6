package dev.guildhall.common.permission;

import java.util.Collection;
import java.util.Map;

/**
 * Discord's documented permission model.
 *
 * <ol>
 *   <li>The server owner has every permission.</li>
 *   <li>Base permissions are @everyone's OR every role of the member; ADMINISTRATOR means all.</li>
 *   <li>In a channel: the @everyone overwrite, then all the member's role overwrites together
 *       (deny first, then allow), then the member's own overwrite.</li>
 *   <li>Without VIEW_CHANNEL a channel grants nothing; without SEND_MESSAGES the message
 *       extras (mentions, TTS, files, embeds) are gone too.</li>
 * </ol>
 *
 * <p>The role whose id equals the server id is @everyone.
 */
public final class PermissionCalculator {

    private static final long NEEDS_SEND = Permission.of(Permission.MENTION_EVERYONE,
            Permission.SEND_TTS_MESSAGES, Permission.ATTACH_FILES, Permission.EMBED_LINKS);

    private PermissionCalculator() {
    }

    /**
     * @param rolePermissions permissions of every role of the server, by role id (must contain
     *                        @everyone, whose id is the server id)
     * @param memberRoles     the member's roles (without @everyone)
     */
    public static long basePermissions(long serverId, long ownerId, long userId,
                                       Map<Long, Long> rolePermissions, Collection<Long> memberRoles) {
        if (userId == ownerId) {
            return Permission.ALL;
        }
        long permissions = rolePermissions.getOrDefault(serverId, 0L);
        for (Long roleId : memberRoles) {
            permissions |= rolePermissions.getOrDefault(roleId, 0L);
        }
        if (Permission.ADMINISTRATOR.in(permissions)) {
            return Permission.ALL;
        }
        return permissions;
    }

    /** Applies a channel's overwrites to base permissions computed by {@link #basePermissions}. */
    public static long channelPermissions(long base, long serverId, long userId,
                                          Collection<Long> memberRoles,
                                          Collection<PermissionOverwrite> overwrites) {
        if (Permission.ADMINISTRATOR.in(base)) {
            return Permission.ALL;
        }
        long permissions = base;
        PermissionOverwrite member = null;
        long roleAllow = 0;
        long roleDeny = 0;
        for (PermissionOverwrite o : overwrites) {
            if (o.type() == PermissionOverwrite.Type.ROLE && o.targetId() == serverId) {
                permissions &= ~o.deny();
                permissions |= o.allow();
            }
        }
        for (PermissionOverwrite o : overwrites) {
            if (o.type() == PermissionOverwrite.Type.ROLE && o.targetId() != serverId
                    && memberRoles.contains(o.targetId())) {
                roleAllow |= o.allow();
                roleDeny |= o.deny();
            } else if (o.type() == PermissionOverwrite.Type.MEMBER && o.targetId() == userId) {
                member = o;
            }
        }
        permissions &= ~roleDeny;
        permissions |= roleAllow;
        if (member != null) {
            permissions &= ~member.deny();
            permissions |= member.allow();
        }
        if (!Permission.VIEW_CHANNEL.in(permissions)) {
            return 0;
        }
        if (!Permission.SEND_MESSAGES.in(permissions)) {
            permissions &= ~NEEDS_SEND;
        }
        return permissions;
    }

    /** Base and channel permissions in one call. */
    public static long compute(long serverId, long ownerId, long userId, Map<Long, Long> rolePermissions,
                               Collection<Long> memberRoles, Collection<PermissionOverwrite> overwrites) {
        if (userId == ownerId) {
            return Permission.ALL;
        }
        long base = basePermissions(serverId, ownerId, userId, rolePermissions, memberRoles);
        return channelPermissions(base, serverId, userId, memberRoles, overwrites);
    }
}
