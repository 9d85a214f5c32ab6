package dev.guildhall.server.ban;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.member.MemberRow;
import dev.guildhall.server.member.MemberService;
import dev.guildhall.server.metrics.ServerMetrics;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.user.UserDirectory;
import dev.guildhall.server.user.UserSummary;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Bans (BAN_MEMBERS). A ban removes the membership and keeps the user from rejoining. */
@Service
public class BanService {

    private final ServerAccess access;
    private final BanRepository bans;
    private final MemberRepository members;
    private final MemberService memberService;
    private final UserDirectory users;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final DirectoryCleanup cleanup;
    private final ServerLimits limits;
    private final ServerMetrics metrics;

    public BanService(ServerAccess access, BanRepository bans, MemberRepository members, MemberService memberService,
                      UserDirectory users, ServerOutbox outbox, AuditLog audit, DirectoryCleanup cleanup,
                      ServerLimits limits, ServerMetrics metrics) {
        this.access = access;
        this.bans = bans;
        this.members = members;
        this.memberService = memberService;
        this.users = users;
        this.outbox = outbox;
        this.audit = audit;
        this.cleanup = cleanup;
        this.limits = limits;
        this.metrics = metrics;
    }

    public List<BanResponse> list(long callerId, long serverId, Long after, Integer limit) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        scope.actor().require(Permission.BAN_MEMBERS);
        int size = ServerLimits.page(limit, limits.memberPageMax(), limits.memberPageMax());
        List<BanRow> rows = bans.page(scope.db(), serverId, after == null ? 0 : after, size);
        Map<Long, UserSummary> summaries = users.lookup(rows.stream().map(BanRow::userId).toList());
        return rows.stream().map(b -> BanResponse.of(b, summaries.get(b.userId()))).toList();
    }

    /** Bans a member or any other user id; a member must rank below the caller. Idempotent. */
    /** @param reasonAfterAccess the audit reason, asked for once the caller may ban (it reads the request body) */
    public void ban(long callerId, long serverId, long userId, Supplier<String> reasonAfterAccess) {
        boolean wasMember = access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.BAN_MEMBERS);
            String reason = reasonAfterAccess.get();
            Optional<MemberRow> member = members.find(scope.db(), serverId, userId);
            Set<Long> memberRoles = member.isPresent() ? members.roles(scope.db(), serverId, userId) : Set.of();
            scope.actor().requireOutranksMember(userId, memberRoles);
            BanRow ban = new BanRow(serverId, userId, reason, callerId, DbTimes.now());
            if (!bans.insert(scope.db(), ban)) {
                return false;
            }
            member.ifPresent(m -> memberService.remove(scope, m, memberRoles));
            BanResponse view = BanResponse.of(ban, users.local(userId));
            audit.record(scope.db(), serverId, callerId, AuditAction.MEMBER_BAN_ADD, userId, null, view, reason);
            outbox.append(scope.shard(), EventTypes.SERVER_BAN_ADD, serverId, null, userId, view);
            return member.isPresent();
        });
        if (wasMember) {
            cleanup.membershipRemoved(userId, serverId);
            metrics.memberRemoved("ban");
        }
    }

    public void unban(long callerId, long serverId, long userId, String reason) {
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.BAN_MEMBERS);
            BanRow ban = bans.find(scope.db(), serverId, userId)
                    .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_BAN));
            bans.delete(scope.db(), serverId, userId);
            BanResponse view = BanResponse.of(ban, users.local(userId));
            audit.record(scope.db(), serverId, callerId, AuditAction.MEMBER_BAN_REMOVE, userId, view, null, reason);
            outbox.append(scope.shard(), EventTypes.SERVER_BAN_REMOVE, serverId, null, userId, view);
            return null;
        });
    }
}
