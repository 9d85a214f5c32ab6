package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.audit.AuditAction;
import dev.guildhall.server.audit.AuditLog;
import dev.guildhall.server.config.Patch;
import dev.guildhall.server.config.ServerLimits;
import dev.guildhall.server.directory.DirectoryCleanup;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.invite.InviteRepository;
import dev.guildhall.server.outbox.ServerOutbox;
import dev.guildhall.support.web.DeferredBody;
import dev.guildhall.support.web.RequestBodies;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Channels and categories: listing what the caller may see, creation, edits, moves, deletion. */
@Service
public class ChannelService {

    private final ServerAccess access;
    private final ChannelFinder finder;
    private final ChannelRepository channels;
    private final OverwriteRepository overwrites;
    private final InviteRepository invites;
    private final DirectoryRepository directory;
    private final DirectoryCleanup cleanup;
    private final ServerOutbox outbox;
    private final AuditLog audit;
    private final SnowflakeGenerator ids;
    private final ServerLimits limits;
    private final RequestBodies bodies;

    public ChannelService(ServerAccess access, ChannelFinder finder, ChannelRepository channels,
                          OverwriteRepository overwrites, InviteRepository invites, DirectoryRepository directory,
                          DirectoryCleanup cleanup, ServerOutbox outbox, AuditLog audit, SnowflakeGenerator ids,
                          ServerLimits limits, RequestBodies bodies) {
        this.bodies = bodies;
        this.access = access;
        this.finder = finder;
        this.channels = channels;
        this.overwrites = overwrites;
        this.invites = invites;
        this.directory = directory;
        this.cleanup = cleanup;
        this.outbox = outbox;
        this.audit = audit;
        this.ids = ids;
        this.limits = limits;
    }

    /** The server's channels the caller can view, in display order. */
    public List<ChannelResponse> list(long callerId, long serverId) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        return visible(scope);
    }

    /** Whether the id is a channel of some server (the directory; a group DM's id is not). */
    public boolean isServerChannel(long channelId) {
        return directory.serverOfChannel(channelId).isPresent();
    }

    public ChannelResponse get(long callerId, long channelId) {
        long serverId = access.serverOfChannel(channelId);
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL);
        return finder.visible(scope, channelId).response();
    }

    public ChannelResponse create(long callerId, long serverId, DeferredBody<ChannelRequests.Create> body,
                                  String reason) {
        // the access check before the body is read and before the directory learns of a channel (ADR 250)
        access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor().require(Permission.MANAGE_CHANNELS);
        ChannelRequests.Create request = body.read();
        ChannelType type = ChannelType.fromWire(request.channelType());
        String name = ChannelNames.normalize(type, request.channelName());
        Long parentRequested = request.parentId() == null ? null : Snowflake.parse(request.parentId());
        long channelId = ids.next();
        directory.addChannels(serverId, List.of(channelId));
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.MANAGE_CHANNELS);
            if (channels.count(scope.db(), serverId) >= limits.maxChannels()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "A server has at most " + limits.maxChannels() + " channels");
            }
            List<PermissionOverwrite> inherited = List.of();
            if (parentRequested != null) {
                VisibleChannel parent = parent(scope, type, parentRequested, channelId);
                parent.require(Permission.MANAGE_CHANNELS);
                inherited = parent.overwrites(); // a new channel starts synced with its category
            }
            int position = request.position() != null ? request.position() : channels.nextPosition(scope.db(), serverId);
            ChannelRow row = new ChannelRow(channelId, serverId, name, type, parentRequested, position);
            channels.insert(scope.db(), row);
            inherited.forEach(o -> overwrites.upsert(scope.db(), serverId, channelId, o));
            ChannelResponse created = ChannelResponse.of(row, inherited);
            audit.record(scope.db(), serverId, callerId, AuditAction.CHANNEL_CREATE, channelId, null, created, reason);
            outbox.append(scope.shard(), EventTypes.CHANNEL_CREATE, serverId, channelId, callerId, created);
            return created;
        });
    }

    public ChannelResponse update(long callerId, long channelId, DeferredBody<ChannelRequests.Update> body,
                                  String reason) {
        long serverId = access.serverOfChannel(channelId);
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL, scope -> {
            VisibleChannel channel = finder.visible(scope, channelId);
            channel.require(Permission.MANAGE_CHANNELS);
            ChannelRequests.Update request = body.read();
            if (request.hasGroupDmFields()) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "name and icon_upload_id are a group DM's; "
                        + "a server channel is renamed with channel_name",
                        java.util.Map.of("errors", java.util.Map.of(request.name() != null ? "name" : "icon_upload_id",
                                "only for group DMs")));
            }
            ChannelRow before = channel.row();
            String name = request.channelName() == null ? before.name()
                    : ChannelNames.normalize(before.type(), request.channelName());
            int position = request.position() == null ? before.position() : request.position();
            Long parent = newParent(scope, before, request.parentId());
            return save(scope, channel, before.with(name, position, parent), reason);
        });
    }

    /** Moves several channels at once ({@code [{id, position, parent_id?}]}); returns the visible channels. */
    public List<ChannelResponse> reorder(long callerId, long serverId, DeferredBody<List<ChannelRequests.Position>> body,
                                         String reason) {
        return access.write(serverId, callerId, ErrorCode.UNKNOWN_SERVER, scope -> {
            scope.actor().require(Permission.MANAGE_CHANNELS);
            List<ChannelRequests.Position> moves = bodies.valid(body.read(), 1, 500);
            Map<Long, ChannelRequests.Position> byId = new LinkedHashMap<>();
            for (ChannelRequests.Position move : moves) {
                if (byId.put(Snowflake.parse(move.id()), move) != null) {
                    throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A channel is listed twice");
                }
            }
            for (Map.Entry<Long, ChannelRequests.Position> e : byId.entrySet()) {
                VisibleChannel channel = finder.visible(scope, e.getKey());
                channel.require(Permission.MANAGE_CHANNELS);
                ChannelRow before = channel.row();
                Long parent = newParent(scope, before, e.getValue().parentId());
                save(scope, channel, before.with(before.name(), e.getValue().position(), parent), reason);
            }
            return visible(scope);
        });
    }

    public void delete(long callerId, long channelId, String reason) {
        long serverId = access.serverOfChannel(channelId);
        List<String> codes = access.write(serverId, callerId, ErrorCode.UNKNOWN_CHANNEL, scope -> {
            VisibleChannel channel = finder.visible(scope, channelId);
            channel.require(Permission.MANAGE_CHANNELS);
            if (channel.row().type() == ChannelType.CATEGORY) {
                for (ChannelRow child : channels.findAll(scope.db(), serverId)) {
                    if (Long.valueOf(channelId).equals(child.parentId())) {
                        ChannelRow moved = child.with(child.name(), child.position(), null);
                        channels.update(scope.db(), moved);
                        outbox.append(scope.shard(), EventTypes.CHANNEL_UPDATE, serverId, child.channelId(), callerId,
                                ChannelResponse.of(moved, overwrites.forChannel(scope.db(), child.channelId())));
                    }
                }
            }
            List<String> removedInvites = invites.deleteForChannel(scope.db(), serverId, channelId);
            overwrites.deleteForChannel(scope.db(), channelId);
            channels.delete(scope.db(), serverId, channelId);
            ChannelResponse gone = channel.response();
            audit.record(scope.db(), serverId, callerId, AuditAction.CHANNEL_DELETE, channelId, gone, null, reason);
            outbox.append(scope.shard(), EventTypes.CHANNEL_DELETE, serverId, channelId, callerId, gone);
            return removedInvites;
        });
        cleanup.channelRemoved(channelId);
        cleanup.invitesRemoved(codes);
    }

    private ChannelResponse save(Scope scope, VisibleChannel channel, ChannelRow after, String reason) {
        ChannelRow before = channel.row();
        ChannelResponse response = ChannelResponse.of(after, channel.overwrites());
        if (!after.equals(before)) {
            channels.update(scope.db(), after);
            audit.record(scope.db(), scope.serverId(), scope.userId(), AuditAction.CHANNEL_UPDATE, before.channelId(),
                    channel.response(), response, reason);
            outbox.append(scope.shard(), EventTypes.CHANNEL_UPDATE, scope.serverId(), before.channelId(),
                    scope.userId(), response);
        }
        return response;
    }

    /** The parent after a PATCH: unchanged when absent, none when null, else a validated category. */
    private Long newParent(Scope scope, ChannelRow channel, Patch requested) {
        if (requested == null) {
            return channel.parentId();
        }
        if (requested.clears()) {
            return null;
        }
        long parentId = Snowflake.parse(requested.value());
        if (Long.valueOf(parentId).equals(channel.parentId())) {
            return parentId;
        }
        parent(scope, channel.type(), parentId, channel.channelId()).require(Permission.MANAGE_CHANNELS);
        return parentId;
    }

    /** A category of this server that a channel of {@code type} may be placed in. */
    private VisibleChannel parent(Scope scope, ChannelType type, long parentId, long channelId) {
        if (type == ChannelType.CATEGORY) {
            throw invalidParent("A category cannot have a parent");
        }
        if (parentId == channelId) {
            throw invalidParent("A channel cannot be its own parent");
        }
        if (channels.find(scope.db(), scope.serverId(), parentId).map(c -> c.type() != ChannelType.CATEGORY).orElse(true)) {
            throw invalidParent("parent_id must be a category of this server");
        }
        return finder.visible(scope, parentId);
    }

    private List<ChannelResponse> visible(Scope scope) {
        Map<Long, List<PermissionOverwrite>> all = overwrites.forServer(scope.db(), scope.serverId());
        List<ChannelResponse> result = new ArrayList<>();
        for (ChannelRow row : channels.findAll(scope.db(), scope.serverId())) {
            List<PermissionOverwrite> list = all.getOrDefault(row.channelId(), List.of());
            if (scope.actor().canView(list)) {
                result.add(ChannelResponse.of(row, list));
            }
        }
        return result;
    }

    private static GuildhallException invalidParent(String detail) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, detail,
                Map.of("errors", Map.of("parent_id", detail)));
    }
}
