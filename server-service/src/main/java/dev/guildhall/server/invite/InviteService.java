package dev.guildhall.server.invite;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.ban.BanRepository;
import dev.guildhall.server.channel.ChannelFinder;
import dev.guildhall.server.channel.ChannelRepository;
import dev.guildhall.server.channel.ChannelRow;
import dev.guildhall.server.channel.ChannelType;
import dev.guildhall.server.channel.VisibleChannel;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.member.MemberResponse;
import dev.guildhall.server.member.MemberRow;
import dev.guildhall.server.metrics.ServerMetrics;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.server.ServerRepository;
import dev.guildhall.server.server.ServerResponse;
import dev.guildhall.server.server.ServerRow;
import dev.guildhall.server.user.UserDirectory;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invites: creation, preview, joining (uses counted atomically under the server lock), listing and
 * revocation. A preview of an expired or used-up invite is 404 UNKNOWN_INVITE, like a revoked one;
 * joining with one says why: 400 INVITE_EXPIRED or INVITE_EXHAUSTED (ADR 026).
 */
@Service
public class InviteService {

    private static final int CODE_ATTEMPTS = 5;

    private final ServerAccess access;
    private final ChannelFinder finder;
    private final InviteRepository invites;
    private final ServerRepository servers;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final BanRepository bans;
    private final DirectoryRepository directory;
    private final DirectoryCleanup cleanup;
    private final UserDirectory users;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final ServerLimits limits;
    private final ServerMetrics metrics;

    public InviteService(ServerAccess access, ChannelFinder finder, InviteRepository invites, ServerRepository servers,
                         ChannelRepository channels, MemberRepository members, BanRepository bans,
                         DirectoryRepository directory, DirectoryCleanup cleanup, UserDirectory users,
                         ServerOutbox outbox, AuditLog audit, ServerLimits limits, ServerMetrics metrics) {
        this.access = access;
        this.finder = finder;
        this.invites = invites;
        this.servers = servers;
        this.channels = channels;
        this.members = members;
        this.bans = bans;
        this.directory = directory;
        this.cleanup = cleanup;
        this.users = users;
        this.outbox = outbox;
        this.audit = audit;
        this.limits = limits;
        this.metrics = metrics;
    }

    public InviteResponse create(long callerId, long channelId, DeferredBody<InviteRequests.Create> body,
                                 String reason) {
        long serverId = access.serverOfChannel(channelId);
        // who may invite is known before the body is read and before the directory holds a code (ADR 250)
        mayInvite(finder.visible(access.read(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL), channelId));
        InviteRequests.Create request = body.readIfPresent().orElseGet(() -> new InviteRequests.Create(null, null));
        int maxAge = request.maxAge() == null ? InviteRequests.DEFAULT_MAX_AGE : request.maxAge();
        int maxUses = request.maxUses() == null ? 0 : request.maxUses();
        String code = reserveCode(serverId);
        InviteResponse created = access.write(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL, scope -> {
            mayInvite(finder.visible(scope, channelId));
            Instant now = DbTimes.now();
            // counted under the server lock, so concurrent creates cannot pass the cap together (ADR 209)
            if (invites.countActive(scope.db(), serverId, now) >= limits.maxInvitesPerServer()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "A server has at most " + limits.maxInvitesPerServer() + " active invites",
                        Map.of("limit", limits.maxInvitesPerServer()));
            }
            InviteRow row = new InviteRow(code, serverId, channelId, callerId, maxAge, maxUses, 0, now,
                    maxAge == 0 ? null : now.plusSeconds(maxAge));
            invites.insert(scope.db(), row);
            InviteResponse response = InviteResponse.of(row);
            audit.record(scope.db(), serverId, callerId, AuditAction.INVITE_CREATE, null, null, response, reason);
            outbox.append(scope.shard(), EventTypes.INVITE_CREATE, serverId, channelId, callerId, response);
            return response;
        });
        metrics.inviteCreated();
        return created;
    }

    /** What an invite leads to; anyone signed in with the code may look. */
    public InvitePreview preview(String code) {
        long serverId = serverOf(code);
        Shard shard = access.shardOf(serverId);
        InviteRow invite = invites.find(shard.jdbc(), code).orElseThrow(InviteService::unknown);
        if (invite.expired(DbTimes.now()) || invite.exhausted()) {
            throw unknown();
        }
        ServerRow server = servers.find(shard.jdbc(), serverId).orElseThrow(InviteService::unknown);
        ChannelRow channel = channels.find(shard.jdbc(), serverId, invite.channelId()).orElseThrow(InviteService::unknown);
        return new InvitePreview(invite.code(), Snowflake.format(serverId), Snowflake.format(channel.channelId()),
                Snowflake.format(invite.inviterId()), invite.maxAge(), invite.maxUses(), invite.uses(),
                invite.expiresAt(),
                new InvitePreview.ServerPart(Snowflake.format(serverId), server.serverName(), server.iconUrl()),
                new InvitePreview.ChannelPart(Snowflake.format(channel.channelId()), channel.name(),
                        channel.type().wire()),
                server.memberCount());
    }

    /** Joins the server; already a member → the server, without counting a use. */
    public ServerResponse join(long callerId, String code) {
        long serverId = serverOf(code);
        Shard shard = access.shardOf(serverId);
        // a read-only first pass answers the common refusals without touching the global index
        ServerRow server = servers.find(shard.jdbc(), serverId).orElseThrow(InviteService::unknown);
        if (members.exists(shard.jdbc(), serverId, callerId)) {
            metrics.inviteUse("already_member");
            return ServerResponse.of(server);
        }
        usable(shard, invites.find(shard.jdbc(), code).orElseThrow(InviteService::unknown), callerId);
        directory.addMembership(callerId, serverId);
        ServerRow joined = shard.inTransaction(() -> {
            ServerRow locked = servers.lock(shard.jdbc(), serverId).orElseThrow(InviteService::unknown);
            if (members.exists(shard.jdbc(), serverId, callerId)) {
                return locked;
            }
            usable(shard, invites.lock(shard.jdbc(), code).orElseThrow(InviteService::unknown), callerId);
            if (!invites.use(shard.jdbc(), code)) {
                metrics.inviteUse("exhausted");
                throw new GuildhallException(ErrorCode.INVITE_EXHAUSTED, "This invite has been used up");
            }
            MemberRow member = new MemberRow(serverId, callerId, null, DbTimes.now());
            members.insert(shard.jdbc(), member);
            servers.addMembers(shard.jdbc(), serverId, 1);
            outbox.append(shard, EventTypes.SERVER_MEMBER_ADD, serverId, null, callerId,
                    MemberResponse.of(member, Set.of(), users.local(callerId)));
            metrics.inviteUse("joined");
            metrics.memberJoined();
            return locked;
        });
        return ServerResponse.of(joined);
    }

    public List<InviteResponse> list(long callerId, long serverId) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        scope.actor().require(Permission.MANAGE_SERVER);
        Instant now = DbTimes.now();
        return invites.forServer(scope.db(), serverId).stream()
                .filter(i -> !i.expired(now))
                .map(InviteResponse::of)
                .toList();
    }

    /** Revokes an invite: its creator, or anyone with MANAGE_SERVER. */
    public InviteResponse delete(long callerId, String code, String reason) {
        long serverId = serverOf(code);
        InviteResponse deleted = access.write(serverId, callerId, ErrorCode.UNKNOWN_INVITE, scope -> {
            InviteRow invite = invites.find(scope.db(), code).orElseThrow(InviteService::unknown);
            if (invite.inviterId() != callerId) {
                scope.actor().require(Permission.MANAGE_SERVER);
            }
            invites.delete(scope.db(), code);
            InviteResponse response = InviteResponse.of(invite);
            audit.record(scope.db(), serverId, callerId, AuditAction.INVITE_DELETE, null, response, null, reason);
            outbox.append(scope.shard(), EventTypes.INVITE_DELETE, serverId, invite.channelId(), callerId,
                    Map.of("code", code, "server_id", Snowflake.format(serverId),
                            "channel_id", Snowflake.format(invite.channelId())));
            return response;
        });
        cleanup.invitesRemoved(List.of(code));
        return deleted;
    }

    /** Expired → 400, banned → 403, used up → 400. */
    private void usable(Shard shard, InviteRow invite, long callerId) {
        if (invite.expired(DbTimes.now())) {
            metrics.inviteUse("expired");
            throw new GuildhallException(ErrorCode.INVITE_EXPIRED, "This invite has expired");
        }
        if (bans.exists(shard.jdbc(), invite.serverId(), callerId)) {
            metrics.inviteUse("banned");
            throw new GuildhallException(ErrorCode.BANNED, "You are banned from this server");
        }
        if (invite.exhausted()) {
            metrics.inviteUse("exhausted");
            throw new GuildhallException(ErrorCode.INVITE_EXHAUSTED, "This invite has been used up");
        }
    }

    private static void mayInvite(VisibleChannel channel) {
        if (channel.row().type() == ChannelType.CATEGORY) {
            throw new GuildhallException(ErrorCode.INVALID_CHANNEL_TYPE, "Invites lead to a channel, not a category");
        }
        channel.require(Permission.CREATE_INSTANT_INVITE);
    }

    private String reserveCode(long serverId) {
        for (int i = 0; i < CODE_ATTEMPTS; i++) {
            String code = InviteCodes.next();
            if (directory.addInvite(code, serverId)) {
                return code;
            }
        }
        throw new GuildhallException(ErrorCode.CONFLICT, "Could not allocate an invite code; try again");
    }

    private long serverOf(String code) {
        if (!InviteCodes.plausible(code)) {
            throw unknown();
        }
        return directory.serverOfInvite(code).orElseThrow(InviteService::unknown);
    }

    private static GuildhallException unknown() {
        return GuildhallException.notFound(ErrorCode.UNKNOWN_INVITE);
    }
}
