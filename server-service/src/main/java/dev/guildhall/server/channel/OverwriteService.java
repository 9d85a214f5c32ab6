package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Optional;

/**
 * Channel permission overwrites. Needs MANAGE_ROLES in the channel, and — unless owner or
 * administrator — every bit that changes must be one the caller holds, server-wide or in that channel.
 */
@Service
public class OverwriteService {

    private final ServerAccess access;
    private final ChannelFinder finder;
    private final OverwriteRepository overwrites;
    private final RoleRepository roles;
    private final MemberRepository members;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final ServerLimits limits;

    public OverwriteService(ServerAccess access, ChannelFinder finder, OverwriteRepository overwrites,
                            RoleRepository roles, MemberRepository members, ServerOutbox outbox, AuditLog audit,
                            ServerLimits limits) {
        this.access = access;
        this.finder = finder;
        this.overwrites = overwrites;
        this.roles = roles;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.limits = limits;
    }

    public void put(long callerId, long channelId, long targetId, DeferredBody<ChannelRequests.Overwrite> body,
                    String reason) {
        long serverId = access.serverOfChannel(channelId);
        access.write(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL, scope -> {
            VisibleChannel channel = finder.visible(scope, channelId);
            channel.require(Permission.MANAGE_ROLES);
            ChannelRequests.Overwrite request = body.read(); // after the access check (ADR 250)
            PermissionOverwrite.Type type = parseType(request.type());
            long allow = bits("allow", request.allow());
            long deny = bits("deny", request.deny());
            if ((allow & deny) != 0) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED,
                        "A permission cannot be both allowed and denied", Map.of("errors", Map.of("deny", "overlaps allow")));
            }
            requireTarget(scope, type, targetId);
            Optional<PermissionOverwrite> existing = overwrites.find(scope.db(), channelId, targetId);
            long oldAllow = existing.map(PermissionOverwrite::allow).orElse(0L);
            long oldDeny = existing.map(PermissionOverwrite::deny).orElse(0L);
            long held = held(scope, channel);
            scope.actor().requireCanChangeBits(oldAllow, allow, held);
            scope.actor().requireCanChangeBits(oldDeny, deny, held);
            if (existing.isEmpty() && overwrites.count(scope.db(), channelId) >= limits.maxOverwritesPerChannel()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "A channel has at most " + limits.maxOverwritesPerChannel() + " permission overwrites");
            }
            PermissionOverwrite overwrite = new PermissionOverwrite(targetId, type, allow, deny);
            if (existing.isPresent() && existing.get().equals(overwrite)) {
                return null;
            }
            overwrites.upsert(scope.db(), serverId, channelId, overwrite);
            audit.record(scope.db(), serverId, callerId,
                    existing.isPresent() ? AuditAction.CHANNEL_OVERWRITE_UPDATE : AuditAction.CHANNEL_OVERWRITE_CREATE,
                    channelId, existing.map(ChannelResponse.Overwrite::of).orElse(null),
                    ChannelResponse.Overwrite.of(overwrite), reason);
            changed(scope, channel.row());
            return null;
        });
    }

    public void delete(long callerId, long channelId, long targetId, String reason) {
        long serverId = access.serverOfChannel(channelId);
        access.write(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL, scope -> {
            VisibleChannel channel = finder.visible(scope, channelId);
            channel.require(Permission.MANAGE_ROLES);
            Optional<PermissionOverwrite> existing = overwrites.find(scope.db(), channelId, targetId);
            if (existing.isEmpty()) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_OVERWRITE);
            }
            long held = held(scope, channel);
            scope.actor().requireCanChangeBits(existing.get().allow(), 0, held);
            scope.actor().requireCanChangeBits(existing.get().deny(), 0, held);
            overwrites.delete(scope.db(), channelId, targetId);
            audit.record(scope.db(), serverId, callerId, AuditAction.CHANNEL_OVERWRITE_DELETE, channelId,
                    ChannelResponse.Overwrite.of(existing.get()), null, reason);
            changed(scope, channel.row());
            return null;
        });
    }

    /**
     * The bits a caller may set in this channel's overwrites: those they hold server-wide or in
     * the channel (so a moderator who denied a bit here can still lift that deny).
     */
    private static long held(Scope scope, VisibleChannel channel) {
        return scope.actor().base() | channel.permissions();
    }

    private void changed(Scope scope, ChannelRow channel) {
        ChannelResponse response = ChannelResponse.of(channel, overwrites.forChannel(scope.db(), channel.channelId()));
        outbox.append(scope.shard(), EventTypes.CHANNEL_UPDATE, scope.serverId(), channel.channelId(), scope.userId(),
                response);
    }

    private void requireTarget(Scope scope, PermissionOverwrite.Type type, long targetId) {
        boolean exists = type == PermissionOverwrite.Type.ROLE
                ? roles.find(scope.db(), scope.serverId(), targetId).isPresent()
                : members.exists(scope.db(), scope.serverId(), targetId);
        if (!exists) {
            throw GuildhallException.notFound(type == PermissionOverwrite.Type.ROLE
                    ? ErrorCode.UNKNOWN_ROLE : ErrorCode.UNKNOWN_MEMBER);
        }
    }

    private static PermissionOverwrite.Type parseType(String raw) {
        try {
            return PermissionOverwrite.Type.fromWire(raw);
        } catch (IllegalArgumentException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, e.getMessage(),
                    Map.of("errors", Map.of("type", "must be role or member")));
        }
    }

    static long bits(String field, String raw) {
        try {
            return Permission.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, field + " must be a decimal permission string",
                    Map.of("errors", Map.of(field, "must be a decimal permission string")));
        }
    }
}
