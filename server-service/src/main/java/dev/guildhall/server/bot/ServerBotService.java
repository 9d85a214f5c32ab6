package dev.guildhall.server.bot;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.ban.BanRepository;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.member.MemberResponse;
import dev.guildhall.server.member.MemberRow;
import dev.guildhall.server.member.MemberService;
import dev.guildhall.server.metrics.ServerMetrics;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.server.role.RoleRow;
import dev.guildhall.server.role.RoleService;
import dev.guildhall.server.server.ServerRepository;
import dev.guildhall.server.user.UserDirectory;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;

/**
 * Adding a bot to a server and removing it (ADR 153): the bot joins as a member with a managed role that
 * carries the permissions its adder granted (never more than the adder holds), announced with the same
 * events as a person joining, audited as BOT_ADD / BOT_REMOVE.
 */
@Service
public class ServerBotService {

    private final BotApplications applications;
    private final ServerAccess access;
    private final MemberRepository members;
    private final MemberService memberService;
    private final RoleRepository roleRows;
    private final RoleService roles;
    private final ServerRepository servers;
    private final BanRepository bans;
    private final DirectoryRepository directory;
    private final DirectoryCleanup cleanup;
    private final UserDirectory users;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final ServerMetrics metrics;

    public ServerBotService(BotApplications applications, ServerAccess access, MemberRepository members,
                            MemberService memberService, RoleRepository roleRows, RoleService roles,
                            ServerRepository servers, BanRepository bans, DirectoryRepository directory,
                            DirectoryCleanup cleanup, UserDirectory users, ServerOutbox outbox, AuditLog audit,
                            ServerMetrics metrics) {
        this.applications = applications;
        this.access = access;
        this.members = members;
        this.memberService = memberService;
        this.roleRows = roleRows;
        this.roles = roles;
        this.servers = servers;
        this.bans = bans;
        this.directory = directory;
        this.cleanup = cleanup;
        this.users = users;
        this.outbox = outbox;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Adds the caller's application's bot with {@code permissions}; adding it again sets its role's
     * permissions. Another person's application is unknown (404), as in bot-service.
     */
    /** @param rawPermissions read once the caller may manage the server (it reads the request body, ADR 250) */
    public MemberResponse add(long callerId, long serverId, long applicationId, Supplier<String> rawPermissions,
                              String reason) {
        access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor().require(Permission.MANAGE_SERVER);
        long permissions = bits(rawPermissions.get());
        BotApplications.Application app = applications.find(applicationId)
                .filter(found -> found.ownerId() == callerId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
        long botId = app.botUserId();
        // the refusals first, before the global index learns of a membership (as joining by invite)
        allowed(access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor(), permissions);
        directory.addMembership(botId, serverId);
        MemberResponse added = access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            allowed(scope.actor(), permissions);
            if (bans.exists(scope.db(), serverId, botId)) {
                throw new GuildhallException(ErrorCode.BANNED, "This bot is banned from this server");
            }
            Optional<MemberRow> existing = members.find(scope.db(), serverId, botId);
            return existing.isPresent()
                    ? regrant(scope, existing.get(), app, permissions, reason)
                    : join(scope, app, permissions, reason);
        });
        return new MemberResponse(added.userId(), added.serverId(), users.lookup(botId), added.roles(), added.nick(),
                added.joinedAt());
    }

    /** Removes the application's bot and its managed role; MANAGE_SERVER, whoever added it. */
    public void remove(long callerId, long serverId, long applicationId, String reason) {
        BotApplications.Application app = applications.find(applicationId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
        long botId = app.botUserId();
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.MANAGE_SERVER);
            Optional<MemberRow> member = members.find(scope.db(), serverId, botId);
            // a bot kicked or banned by hand leaves its role behind: removing the bot clears that too
            Optional<RoleRow> managed = roleRows.findManaged(scope.db(), serverId, botId);
            if (member.isEmpty() && managed.isEmpty()) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MEMBER);
            }
            MemberResponse before = member
                    .map(m -> MemberResponse.of(m, members.roles(scope.db(), serverId, botId), null)).orElse(null);
            managed.ifPresent(role -> roles.deleteManaged(scope, role, reason));
            member.ifPresent(m -> memberService.remove(scope, m, members.roles(scope.db(), serverId, botId)));
            audit.record(scope.db(), serverId, callerId, AuditAction.BOT_REMOVE, botId, before, null, reason);
            return null;
        });
        cleanup.membershipRemoved(botId, serverId);
        metrics.memberRemoved("bot_removed");
    }

    private MemberResponse join(Scope scope, BotApplications.Application app, long permissions, String reason) {
        long serverId = scope.serverId();
        long botId = app.botUserId();
        // a role left behind by a kick or ban is the bot's again
        RoleRow role = roleRows.findManaged(scope.db(), serverId, botId)
                .map(left -> roles.updateManaged(scope, left, permissions, reason))
                .orElseGet(() -> roles.createManaged(scope, botId, app.name(), permissions, reason));
        MemberRow member = new MemberRow(serverId, botId, null, DbTimes.now());
        members.insert(scope.db(), member);
        members.addRole(scope.db(), serverId, botId, role.roleId());
        servers.addMembers(scope.db(), serverId, 1);
        MemberResponse view = MemberResponse.of(member, Set.of(role.roleId()), users.local(botId));
        outbox.append(scope.shard(), EventTypes.SERVER_MEMBER_ADD, serverId, null, botId, view);
        audit.record(scope.db(), serverId, scope.userId(), AuditAction.BOT_ADD, botId, null, view, reason);
        metrics.memberJoined();
        return view;
    }

    /** Added again: the managed role takes the new permissions (made anew if it was lost). */
    private MemberResponse regrant(Scope scope, MemberRow member, BotApplications.Application app, long permissions,
                                   String reason) {
        long serverId = scope.serverId();
        long botId = app.botUserId();
        Optional<RoleRow> managed = roleRows.findManaged(scope.db(), serverId, botId);
        if (managed.isPresent()) {
            roles.updateManaged(scope, managed.get(), permissions, reason);
        } else {
            RoleRow role = roles.createManaged(scope, botId, app.name(), permissions, reason);
            members.addRole(scope.db(), serverId, botId, role.roleId());
            outbox.append(scope.shard(), EventTypes.SERVER_MEMBER_UPDATE, serverId, null, botId,
                    MemberResponse.of(member, members.roles(scope.db(), serverId, botId), users.local(botId)));
        }
        MemberResponse view = MemberResponse.of(member, members.roles(scope.db(), serverId, botId), null);
        audit.record(scope.db(), serverId, scope.userId(), AuditAction.BOT_ADD, botId, null, view, reason);
        return view;
    }

    /** MANAGE_SERVER, and no permission the caller does not hold themselves. */
    private static void allowed(Actor actor, long permissions) {
        actor.require(Permission.MANAGE_SERVER);
        actor.requireCanChangeBits(0, permissions, actor.base());
    }

    private static long bits(String raw) {
        try {
            return Permission.parse(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "permissions must be a decimal permission string",
                    Map.of("errors", Map.of("permissions", "must be a decimal permission string")));
        }
    }
}
