package dev.guildhall.server.role;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.channel.ChannelRepository;
import dev.guildhall.server.channel.ChannelResponse;
import dev.guildhall.server.channel.OverwriteRepository;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.support.web.RequestBodies;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Roles and their order. Hierarchy: only the owner manages a role at or above their own highest
 * role, and nobody grants or revokes a permission they lack (unless owner or administrator).
 */
@Service
public class RoleService {

    private final ServerAccess access;
    private final RoleRepository roles;
    private final MemberRepository members;
    private final OverwriteRepository overwrites;
    private final ChannelRepository channels;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final SnowflakeGenerator ids;
    private final ServerLimits limits;
    private final RequestBodies bodies;

    public RoleService(ServerAccess access, RoleRepository roles, MemberRepository members,
                       OverwriteRepository overwrites, ChannelRepository channels, ServerOutbox outbox, AuditLog audit,
                       SnowflakeGenerator ids, ServerLimits limits, RequestBodies bodies) {
        this.access = access;
        this.roles = roles;
        this.members = members;
        this.overwrites = overwrites;
        this.channels = channels;
        this.outbox = outbox;
        this.audit = audit;
        this.ids = ids;
        this.limits = limits;
        this.bodies = bodies;
    }

    public List<RoleResponse> list(long callerId, long serverId) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        return roles.findAll(scope.db(), serverId).stream().map(RoleResponse::of).toList();
    }

    /** A new role goes just above @everyone (position 1), so its creator can manage it. */
    public RoleResponse create(long callerId, long serverId, DeferredBody<RoleRequests.Create> body, String reason) {
        long roleId = ids.next();
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            Actor actor = scope.actor();
            actor.require(Permission.MANAGE_ROLES);
            RoleRequests.Create request = body.readIfPresent() // after the access check (ADR 250)
                    .orElseGet(() -> new RoleRequests.Create(null, null, null, null, null));
            List<RoleRow> current = roles.findAll(scope.db(), serverId);
            if (current.size() >= limits.maxRoles()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED, "A server has at most " + limits.maxRoles() + " roles");
            }
            long permissions = request.permissions() == null ? current.get(0).permissions()
                    : bits(request.permissions());
            actor.requireCanChangeBits(0, permissions, actor.base());
            RoleRow row = new RoleRow(roleId, serverId, request.name() == null ? "new role" : name(request.name()),
                    permissions, request.color() == null ? 0 : request.color(),
                    1, Boolean.TRUE.equals(request.hoist()), Boolean.TRUE.equals(request.mentionable()), 0);
            return insertAboveEveryone(scope, current, row, reason);
        });
    }

    /**
     * A bot's managed role (ADR 153), inside the caller's transaction: named after its application, just
     * above @everyone, with the permissions the caller granted (checked by the caller). Announced and
     * audited like any new role.
     */
    public RoleRow createManaged(Scope scope, long botUserId, String name, long permissions, String reason) {
        List<RoleRow> current = roles.findAll(scope.db(), scope.serverId());
        if (current.size() >= limits.maxRoles()) {
            throw new GuildhallException(ErrorCode.LIMIT_REACHED, "A server has at most " + limits.maxRoles() + " roles");
        }
        RoleRow row = new RoleRow(ids.next(), scope.serverId(), name(name), permissions, 0, 1, false, false, botUserId);
        insertAboveEveryone(scope, current, row, reason);
        return row;
    }

    /** Sets a managed role's permissions when its bot is added again (inside the caller's transaction). */
    public RoleRow updateManaged(Scope scope, RoleRow before, long permissions, String reason) {
        RoleRow after = new RoleRow(before.roleId(), before.serverId(), before.name(), permissions, before.color(),
                before.position(), before.hoist(), before.mentionable(), before.managedBy());
        if (!after.equals(before)) {
            roles.update(scope.db(), after);
            audit.record(scope.db(), scope.serverId(), scope.userId(), AuditAction.ROLE_UPDATE, after.roleId(),
                    RoleResponse.of(before), RoleResponse.of(after), reason);
            outbox.append(scope.shard(), EventTypes.SERVER_ROLE_UPDATE, scope.serverId(), null, scope.userId(),
                    RoleResponse.of(after));
        }
        return after;
    }

    /** Deletes a managed role with its bot (inside the caller's transaction). */
    public void deleteManaged(Scope scope, RoleRow role, String reason) {
        deleteRow(scope, role, reason);
    }

    private RoleResponse insertAboveEveryone(Scope scope, List<RoleRow> current, RoleRow row, String reason) {
        for (RoleRow role : current) {
            if (!role.isEveryone()) {
                move(scope, role, role.position() + 1, null);
            }
        }
        roles.insert(scope.db(), row);
        RoleResponse created = RoleResponse.of(row);
        audit.record(scope.db(), scope.serverId(), scope.userId(), AuditAction.ROLE_CREATE, row.roleId(), null, created,
                reason);
        outbox.append(scope.shard(), EventTypes.SERVER_ROLE_CREATE, scope.serverId(), null, scope.userId(), created);
        RolePositions.check(roles.findAll(scope.db(), scope.serverId()));
        return created;
    }

    public RoleResponse update(long callerId, long serverId, long roleId, DeferredBody<RoleRequests.Update> body,
                               String reason) {
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            Actor actor = scope.actor();
            actor.require(Permission.MANAGE_ROLES);
            RoleRequests.Update request = body.read(); // after the access check (ADR 250)
            RoleRow before = find(scope, roleId);
            requireNotManaged(before);
            actor.requireOutranksRole(before.ref());
            if (before.isEveryone() && request.name() != null && !RoleRow.EVERYONE.equals(request.name())) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "@everyone cannot be renamed");
            }
            long permissions = request.permissions() == null ? before.permissions() : bits(request.permissions());
            actor.requireCanChangeBits(before.permissions(), permissions, actor.base());
            RoleRow after = new RoleRow(roleId, serverId,
                    request.name() == null || before.isEveryone() ? before.name() : name(request.name()), permissions,
                    request.color() == null ? before.color() : request.color(), before.position(),
                    request.hoist() == null ? before.hoist() : request.hoist(),
                    request.mentionable() == null ? before.mentionable() : request.mentionable(), 0);
            if (!after.equals(before)) {
                roles.update(scope.db(), after);
                audit.record(scope.db(), serverId, callerId, AuditAction.ROLE_UPDATE, roleId, RoleResponse.of(before),
                        RoleResponse.of(after), reason);
                outbox.append(scope.shard(), EventTypes.SERVER_ROLE_UPDATE, serverId, null, callerId,
                        RoleResponse.of(after));
            }
            return RoleResponse.of(after);
        });
    }

    /** Deletes a role: taken from its members, its overwrites removed, the roles above move down. */
    public void delete(long callerId, long serverId, long roleId, String reason) {
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            Actor actor = scope.actor();
            actor.require(Permission.MANAGE_ROLES);
            RoleRow role = find(scope, roleId);
            if (role.isEveryone()) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "@everyone cannot be deleted");
            }
            requireNotManaged(role);
            actor.requireOutranksRole(role.ref());
            deleteRow(scope, role, reason);
            return null;
        });
    }

    private void deleteRow(Scope scope, RoleRow role, String reason) {
        long serverId = scope.serverId();
        long roleId = role.roleId();
        long callerId = scope.userId();
        members.removeRoleEverywhere(scope.db(), serverId, roleId);
        for (Long channelId : overwrites.deleteForTarget(scope.db(), serverId, roleId)) {
            channels.find(scope.db(), serverId, channelId).ifPresent(channel -> outbox.append(scope.shard(),
                    EventTypes.CHANNEL_UPDATE, serverId, channelId, callerId,
                    ChannelResponse.of(channel, overwrites.forChannel(scope.db(), channelId))));
        }
        roles.delete(scope.db(), serverId, roleId);
        for (RoleRow other : roles.findAll(scope.db(), serverId)) {
            if (other.position() > role.position()) {
                move(scope, other, other.position() - 1, null);
            }
        }
        audit.record(scope.db(), serverId, callerId, AuditAction.ROLE_DELETE, roleId, RoleResponse.of(role), null,
                reason);
        outbox.append(scope.shard(), EventTypes.SERVER_ROLE_DELETE, serverId, null, callerId,
                Map.of("server_id", Snowflake.format(serverId), "role_id", Snowflake.format(roleId)));
        RolePositions.check(roles.findAll(scope.db(), serverId));
    }

    /** A managed role changes only with its bot (ADR 153); reordering it stays allowed. */
    static void requireNotManaged(RoleRow role) {
        if (role.managed()) {
            throw new GuildhallException(ErrorCode.MANAGED_ROLE,
                    "This role belongs to a bot: it changes only when the bot is added or removed");
        }
    }

    /** Moves roles ({@code [{id, position}]}); only roles below the caller, only to places below the caller. */
    public List<RoleResponse> reorder(long callerId, long serverId, DeferredBody<List<RoleRequests.Position>> body,
                                      String reason) {
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            Actor actor = scope.actor();
            actor.require(Permission.MANAGE_ROLES);
            List<RoleRequests.Position> moves = bodies.valid(body.read(), 1, 250);
            List<RoleRow> current = roles.findAll(scope.db(), serverId);
            Map<Long, Integer> requested = new HashMap<>();
            for (RoleRequests.Position move : moves) {
                if (requested.put(Snowflake.parse(move.id()), move.position()) != null) {
                    throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A role is listed twice");
                }
            }
            Map<Long, Integer> positions = RolePositions.reorder(current, requested);
            List<RoleRow> changed = new ArrayList<>();
            for (RoleRow role : current) {
                int to = positions.get(role.roleId());
                if (to != role.position()) {
                    actor.requireOutranksRole(role.ref());
                    if (!actor.outranksRole(to)) {
                        throw new GuildhallException(ErrorCode.ROLE_HIERARCHY,
                                "Roles can only be moved below your highest role");
                    }
                    changed.add(role);
                }
            }
            changed.forEach(role -> move(scope, role, positions.get(role.roleId()), AuditAction.ROLE_UPDATE, reason));
            List<RoleRow> after = roles.findAll(scope.db(), serverId);
            RolePositions.check(after);
            return after.stream().map(RoleResponse::of).toList();
        });
    }

    /** Shifts made room for by a creation or deletion are not audited themselves ({@code audited} null). */
    private void move(Scope scope, RoleRow role, int position, AuditAction audited) {
        move(scope, role, position, audited, null);
    }

    private void move(Scope scope, RoleRow role, int position, AuditAction audited, String reason) {
        RoleRow moved = role.withPosition(position);
        roles.updatePosition(scope.db(), scope.serverId(), role.roleId(), position);
        if (audited != null) {
            audit.record(scope.db(), scope.serverId(), scope.userId(), audited, role.roleId(),
                    RoleResponse.of(role), RoleResponse.of(moved), reason);
        }
        outbox.append(scope.shard(), EventTypes.SERVER_ROLE_UPDATE, scope.serverId(), null, scope.userId(),
                RoleResponse.of(moved));
    }

    private RoleRow find(Scope scope, long roleId) {
        return roles.find(scope.db(), scope.serverId(), roleId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_ROLE));
    }

    private static String name(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "name must be 1-100 characters",
                    Map.of("errors", Map.of("name", "must be 1-100 characters")));
        }
        return name;
    }

    private static long bits(String raw) {
        try {
            return Permission.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "permissions must be a decimal permission string",
                    Map.of("errors", Map.of("permissions", "must be a decimal permission string")));
        }
    }
}
