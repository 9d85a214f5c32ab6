package dev.guildhall.server.server;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.channel.ChannelRepository;
import dev.guildhall.server.channel.ChannelResponse;
import dev.guildhall.server.channel.ChannelRow;
import dev.guildhall.server.channel.ChannelType;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.member.MemberRow;
import dev.guildhall.server.metrics.ServerMetrics;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.server.role.RoleResponse;
import dev.guildhall.server.role.RoleRow;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Servers: creation with their defaults, settings, ownership, deletion, and "my servers". */
@Service
public class ServerService {

    private final ShardDatabases shards;
    private final ServerAccess access;
    private final ServerRepository servers;
    private final RoleRepository roles;
    private final ChannelRepository channels;
    private final MemberRepository members;
    private final DirectoryRepository directory;
    private final DirectoryCleanup cleanup;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final SnowflakeGenerator ids;
    private final ServerMetrics metrics;

    public ServerService(ShardDatabases shards, ServerAccess access, ServerRepository servers, RoleRepository roles,
                         ChannelRepository channels, MemberRepository members, DirectoryRepository directory,
                         DirectoryCleanup cleanup, ServerOutbox outbox, AuditLog audit, SnowflakeGenerator ids,
                         ServerMetrics metrics) {
        this.shards = shards;
        this.access = access;
        this.servers = servers;
        this.roles = roles;
        this.channels = channels;
        this.members = members;
        this.directory = directory;
        this.cleanup = cleanup;
        this.outbox = outbox;
        this.audit = audit;
        this.ids = ids;
        this.metrics = metrics;
    }

    /**
     * Creates a server with an @everyone role (id = server id), a text channel {@code general},
     * a voice channel {@code General}, and the caller as owner and first member.
     */
    public ServerResponse create(long callerId, String name) {
        long serverId = ids.next();
        Instant now = DbTimes.now();
        ServerRow server = new ServerRow(serverId, validName(name), callerId, null, 1, now);
        RoleRow everyone = new RoleRow(serverId, serverId, RoleRow.EVERYONE, Permission.DEFAULT_EVERYONE, 0, 0,
                false, false, 0);
        ChannelRow text = new ChannelRow(ids.next(), serverId, "general", ChannelType.TEXT, null, 0);
        ChannelRow voice = new ChannelRow(ids.next(), serverId, "General", ChannelType.VOICE, null, 1);
        // global indexes first: a failure after this leaves only entries readers ignore (ADR 022)
        directory.addMembership(callerId, serverId);
        directory.addChannels(serverId, List.of(text.channelId(), voice.channelId()));
        Shard shard = shards.forKey(serverId);
        shard.inTransaction(() -> {
            servers.insert(shard.jdbc(), server);
            roles.insert(shard.jdbc(), everyone);
            channels.insert(shard.jdbc(), text);
            channels.insert(shard.jdbc(), voice);
            members.insert(shard.jdbc(), new MemberRow(serverId, callerId, null, now));
            outbox.append(shard, EventTypes.SERVER_CREATE, serverId, null, callerId, new ServerCreated(
                    Snowflake.format(serverId), server.serverName(), Snowflake.format(callerId), null, now,
                    List.of(ChannelResponse.of(text, List.of()), ChannelResponse.of(voice, List.of())),
                    List.of(RoleResponse.of(everyone))));
        });
        metrics.serverCreated();
        return ServerResponse.of(server);
    }

    public ServerResponse get(long callerId, long serverId) {
        return ServerResponse.of(access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).server());
    }

    /** The caller's servers: the global index, confirmed by each server's shard. */
    public List<ServerResponse> mine(long callerId) {
        Map<Shard, List<Long>> byShard = new LinkedHashMap<>();
        for (Long serverId : directory.serversOf(callerId)) {
            byShard.computeIfAbsent(shards.forKey(serverId), k -> new ArrayList<>()).add(serverId);
        }
        List<ServerRow> rows = new ArrayList<>();
        byShard.forEach((shard, serverIds) -> rows.addAll(servers.findForMember(shard.jdbc(), callerId, serverIds)));
        rows.sort(Comparator.comparingLong(ServerRow::serverId));
        return rows.stream().map(ServerResponse::of).toList();
    }

    /**
     * The body of {@code PATCH /servers/{id}} once the caller may change something (ADR 250): 404 to an outsider;
     * a member who is neither the owner nor holds MANAGE_SERVER can change nothing, so whatever their body says
     * (unreadable included) they get 403 — {@code OWNER_ONLY} when it asks for a transfer.
     */
    public ServerRequests.Update readUpdate(long callerId, long serverId, DeferredBody<ServerRequests.Update> body) {
        Actor actor = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor();
        if (actor.isOwner() || actor.has(Permission.MANAGE_SERVER)) {
            return body.read();
        }
        boolean transfer;
        try {
            transfer = body.readIfPresent().map(request -> request.ownerId() != null).orElse(false);
        } catch (RuntimeException unreadable) {
            transfer = false;
        }
        if (transfer) {
            throw new GuildhallException(ErrorCode.OWNER_ONLY, "Only the owner can transfer ownership");
        }
        throw GuildhallException.missing(Permission.MANAGE_SERVER.name());
    }

    public ServerResponse update(long callerId, long serverId, ServerRequests.Update request, String reason) {
        return update(callerId, serverId, request, reason, replaced -> { });
    }

    /** @param replacedIcon told the previous {@code icon_url} after a committed change replaced or removed it */
    public ServerResponse update(long callerId, long serverId, ServerRequests.Update request, String reason,
                                 java.util.function.Consumer<String> replacedIcon) {
        String[] replaced = new String[1];
        ServerResponse answer = access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            replaced[0] = null;
            ServerRow before = scope.server();
            String name = before.serverName();
            String icon = before.iconUrl();
            long owner = before.ownerId();
            if (request.serverName() != null || request.iconUrl() != null) {
                scope.actor().require(Permission.MANAGE_SERVER);
                name = request.serverName() == null ? name : validName(request.serverName());
                icon = request.iconUrl() == null ? icon : validIcon(request.iconUrl().value());
            }
            if (request.ownerId() != null) {
                owner = transferTo(scope, Snowflake.parse(request.ownerId()));
            }
            ServerRow after = new ServerRow(serverId, name, owner, icon, before.memberCount(), before.createdAt());
            if (!after.equals(before)) {
                if (before.iconUrl() != null && !before.iconUrl().equals(after.iconUrl())) {
                    replaced[0] = before.iconUrl();
                }
                servers.update(scope.db(), after);
                audit.record(scope.db(), serverId, callerId, AuditAction.SERVER_UPDATE, serverId,
                        ServerResponse.of(before), ServerResponse.of(after), reason);
                outbox.append(scope.shard(), EventTypes.SERVER_UPDATE, serverId, null, callerId, ServerResponse.of(after));
            }
            return ServerResponse.of(after);
        });
        if (replaced[0] != null) {
            replacedIcon.accept(replaced[0]);
        }
        return answer;
    }

    /** Deletes the server and everything in it; owner only. */
    public void delete(long callerId, long serverId) {
        access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            if (!scope.actor().isOwner()) {
                throw new GuildhallException(ErrorCode.OWNER_ONLY, "Only the owner can delete the server");
            }
            servers.deleteEverything(scope.db(), serverId);
            outbox.append(scope.shard(), EventTypes.SERVER_DELETE, serverId, null, callerId,
                    Map.of("server_id", Snowflake.format(serverId)));
            return null;
        });
        cleanup.serverRemoved(serverId);
        metrics.serverDeleted();
    }

    private long transferTo(Scope scope, long newOwner) {
        if (newOwner == scope.server().ownerId()) {
            return newOwner;
        }
        if (!scope.actor().isOwner()) {
            throw new GuildhallException(ErrorCode.OWNER_ONLY, "Only the owner can transfer ownership");
        }
        if (!members.exists(scope.db(), scope.serverId(), newOwner)) {
            throw new GuildhallException(ErrorCode.UNKNOWN_MEMBER, "The new owner must be a member of the server");
        }
        return newOwner;
    }

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "server_name must be 1-100 characters",
                    Map.of("errors", Map.of("server_name", "must be 1-100 characters")));
        }
        return name;
    }

    static String validIcon(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String icon = raw.strip();
        if (icon.length() > 2048 || !(icon.startsWith("https://") || icon.startsWith("http://") || icon.startsWith("/"))) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "icon_url must be an http(s) URL or a path",
                    Map.of("errors", Map.of("icon_url", "must be an http(s) URL or a path, at most 2048 characters")));
        }
        return icon;
    }
}
