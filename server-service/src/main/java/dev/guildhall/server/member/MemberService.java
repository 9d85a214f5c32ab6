package dev.guildhall.server.member;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.metrics.ServerMetrics;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.server.role.RoleRow;
import dev.guildhall.server.server.ServerRepository;
import dev.guildhall.server.user.UserDirectory;
import dev.guildhall.server.user.UserSummary;
import dev.guildhall.support.validation.NoControlCharacters;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Members: listing, nicknames, role assignment, kicks and leaving. */
@Service
public class MemberService {

    public static final int MAX_NICK = 32;

    private final ServerAccess access;
    private final MemberRepository members;
    private final RoleRepository roles;
    private final ServerRepository servers;
    private final UserDirectory users;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final DirectoryCleanup cleanup;
    private final ServerLimits limits;
    private final ServerMetrics metrics;

    public MemberService(ServerAccess access, MemberRepository members, RoleRepository roles, ServerRepository servers,
                         UserDirectory users, ServerOutbox outbox, AuditLog audit, DirectoryCleanup cleanup,
                         ServerLimits limits, ServerMetrics metrics) {
        this.access = access;
        this.members = members;
        this.roles = roles;
        this.servers = servers;
        this.users = users;
        this.outbox = outbox;
        this.audit = audit;
        this.cleanup = cleanup;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Members by ascending user id, after {@code after}, at most {@code limit} (default 50, max 100). */
    public List<MemberResponse> list(long callerId, long serverId, Long after, Integer limit) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        int size = ServerLimits.page(limit, limits.memberPageDefault(), limits.memberPageMax());
        List<MemberRow> page = members.page(scope.db(), serverId, after == null ? 0 : after, size);
        List<Long> ids = page.stream().map(MemberRow::userId).toList();
        Map<Long, Set<Long>> roleMap = members.roles(scope.db(), serverId, ids);
        Map<Long, UserSummary> summaries = users.lookup(ids);
        return page.stream()
                .map(m -> MemberResponse.of(m, roleMap.getOrDefault(m.userId(), Set.of()), summaries.get(m.userId())))
                .toList();
    }

    public MemberResponse get(long callerId, long serverId, long userId) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        MemberRow member = members.find(scope.db(), serverId, userId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MEMBER));
        return MemberResponse.of(member, members.roles(scope.db(), serverId, userId), users.lookup(userId));
    }

    public MemberResponse update(long callerId, long serverId, long userId, DeferredBody<MemberRequests.Update> body,
                                 String reason) {
        MemberResponse updated = access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            Actor actor = scope.actor();
            if (userId != callerId && !actor.has(Permission.MANAGE_NICKNAMES) && !actor.has(Permission.MANAGE_ROLES)) {
                // nothing of another member this caller may change: refused before the body is read (ADR 250)
                throw GuildhallException.missing(Permission.MANAGE_ROLES.name());
            }
            MemberRow before = find(scope, userId);
            MemberRequests.Update request = body.read();
            Set<Long> oldRoles = members.roles(scope.db(), serverId, userId);
            MemberResponse beforeView = MemberResponse.of(before, oldRoles, null);
            String nick = before.nick();
            if (request.nick() != null) {
                nick = nick(request.nick().value());
                if (userId == callerId) {
                    if (!actor.has(Permission.CHANGE_NICKNAME) && !actor.has(Permission.MANAGE_NICKNAMES)) {
                        throw GuildhallException.missing(Permission.CHANGE_NICKNAME.name());
                    }
                } else {
                    actor.require(Permission.MANAGE_NICKNAMES);
                    actor.requireOutranksMember(userId, oldRoles);
                }
                members.updateNick(scope.db(), serverId, userId, nick);
            }
            Set<Long> newRoles = oldRoles;
            if (request.roles() != null) {
                newRoles = new TreeSet<>();
                for (String id : request.roles()) {
                    newRoles.add(Snowflake.parse(id));
                }
                setRoles(scope, userId, oldRoles, newRoles);
            }
            MemberRow afterRow = new MemberRow(serverId, userId, nick, before.joinedAt());
            MemberResponse afterView = MemberResponse.of(afterRow, newRoles, null);
            if (!afterView.equals(beforeView)) {
                AuditAction action = newRoles.equals(oldRoles) ? AuditAction.MEMBER_UPDATE : AuditAction.MEMBER_ROLE_UPDATE;
                audit.record(scope.db(), serverId, callerId, action, userId, beforeView, afterView, reason);
                memberUpdated(scope, afterRow, newRoles);
            }
            return afterView;
        });
        return withUser(updated, userId);
    }

    /** Gives a member one role (idempotent). */
    public void addRole(long callerId, long serverId, long userId, long roleId, String reason) {
        changeRole(callerId, serverId, userId, roleId, true, reason);
    }

    /** Takes one role from a member (idempotent). */
    public void removeRole(long callerId, long serverId, long userId, long roleId, String reason) {
        changeRole(callerId, serverId, userId, roleId, false, reason);
    }

    /** Kick: KICK_MEMBERS and a higher rank than the target; kicking yourself is leaving. */
    public void kick(long callerId, long serverId, long userId, String reason) {
        if (userId == callerId) {
            leave(callerId, serverId);
            return;
        }
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.KICK_MEMBERS);
            MemberRow member = find(scope, userId);
            Set<Long> memberRoles = members.roles(scope.db(), serverId, userId);
            scope.actor().requireOutranksMember(userId, memberRoles);
            remove(scope, member, memberRoles);
            audit.record(scope.db(), serverId, callerId, AuditAction.MEMBER_KICK, userId,
                    MemberResponse.of(member, memberRoles, null), null, reason);
            return null;
        });
        cleanup.membershipRemoved(userId, serverId);
        metrics.memberRemoved("kick");
    }

    /** Leaving; the owner must transfer ownership first. */
    public void leave(long callerId, long serverId) {
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            if (scope.actor().isOwner()) {
                throw new GuildhallException(ErrorCode.OWNER_MUST_TRANSFER,
                        "The owner cannot leave; transfer ownership (PATCH owner_id) or delete the server");
            }
            MemberRow member = find(scope, callerId);
            remove(scope, member, scope.actor().memberRoles());
            return null;
        });
        cleanup.membershipRemoved(callerId, serverId);
        metrics.memberRemoved("leave");
    }

    /** Removes a member inside the caller's transaction (kick, leave, ban) and announces it. */
    public void remove(Scope scope, MemberRow member, Set<Long> memberRoles) {
        members.delete(scope.db(), scope.serverId(), member.userId());
        servers.addMembers(scope.db(), scope.serverId(), -1);
        outbox.append(scope.shard(), EventTypes.SERVER_MEMBER_REMOVE, scope.serverId(), null, member.userId(),
                Map.of("server_id", Snowflake.format(scope.serverId()), "user_id", Snowflake.format(member.userId()),
                        "user", users.local(member.userId())));
    }

    /**
     * The caller's right to change this role is checked before the member's state is looked at, so a caller
     * without MANAGE_ROLES (or ranked below the role) is refused even when the change would be a no-op:
     * the answer must not depend on, and so reveal, whether the member holds the role (issue 14, finding 7).
     */
    private void changeRole(long callerId, long serverId, long userId, long roleId, boolean add, String reason) {
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            requireAssignable(scope, roleId);
            MemberRow member = find(scope, userId);
            Set<Long> oldRoles = members.roles(scope.db(), serverId, userId);
            Set<Long> newRoles = new TreeSet<>(oldRoles);
            if (add) {
                newRoles.add(roleId);
            } else {
                newRoles.remove(roleId);
            }
            setRoles(scope, userId, oldRoles, newRoles);
            if (!newRoles.equals(oldRoles)) {
                audit.record(scope.db(), serverId, callerId, AuditAction.MEMBER_ROLE_UPDATE, userId,
                        MemberResponse.of(member, oldRoles, null), MemberResponse.of(member, newRoles, null), reason);
                memberUpdated(scope, member, newRoles);
            }
            return null;
        });
    }

    /**
     * MANAGE_ROLES, and every role added or removed must exist, not be @everyone or a bot's managed role,
     * and sit below the caller.
     */
    private void setRoles(Scope scope, long userId, Set<Long> oldRoles, Set<Long> newRoles) {
        Set<Long> changed = new LinkedHashSet<>(newRoles);
        changed.addAll(oldRoles);
        Set<Long> kept = new LinkedHashSet<>(newRoles);
        kept.retainAll(oldRoles);
        changed.removeAll(kept);
        if (changed.isEmpty()) {
            return;
        }
        for (Long roleId : changed) {
            requireAssignable(scope, roleId);
            if (newRoles.contains(roleId)) {
                members.addRole(scope.db(), scope.serverId(), userId, roleId);
            } else {
                members.removeRole(scope.db(), scope.serverId(), userId, roleId);
            }
        }
    }

    /** MANAGE_ROLES, and the role exists, is not @everyone or a bot's managed role, and sits below the caller. */
    private void requireAssignable(Scope scope, long roleId) {
        scope.actor().require(Permission.MANAGE_ROLES);
        RoleRow role = roles.find(scope.db(), scope.serverId(), roleId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_ROLE));
        if (role.isEveryone()) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "@everyone is not assigned explicitly");
        }
        if (role.managed()) {
            throw new GuildhallException(ErrorCode.MANAGED_ROLE,
                    "A bot's role is given and taken only by adding or removing the bot");
        }
        scope.actor().requireOutranksRole(role.ref());
    }

    private void memberUpdated(Scope scope, MemberRow member, Set<Long> memberRoles) {
        outbox.append(scope.shard(), EventTypes.SERVER_MEMBER_UPDATE, scope.serverId(), null, member.userId(),
                MemberResponse.of(member, memberRoles, users.local(member.userId())));
    }

    private MemberRow find(Scope scope, long userId) {
        return members.find(scope.db(), scope.serverId(), userId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MEMBER));
    }

    private MemberResponse withUser(MemberResponse member, long userId) {
        return new MemberResponse(member.userId(), member.serverId(), users.lookup(userId), member.roles(),
                member.nick(), member.joinedAt());
    }

    private static String nick(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String nick = raw.strip();
        if (!NoControlCharacters.Validator.isClean(nick)) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "nick must not contain control characters",
                    Map.of("errors", Map.of("nick", "must not contain control characters")));
        }
        if (nick.codePointCount(0, nick.length()) > MAX_NICK) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "nick must be at most " + MAX_NICK + " characters",
                    Map.of("errors", Map.of("nick", "at most " + MAX_NICK + " characters")));
        }
        return nick;
    }
}
