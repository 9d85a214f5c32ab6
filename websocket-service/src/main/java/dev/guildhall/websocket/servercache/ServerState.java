package dev.guildhall.websocket.servercache;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionCalculator;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server's permission inputs, kept in memory while this node has sessions in it: owner,
 * role permissions, channels with overwrites, members with their roles. Read by fan-out on every
 * event, written by the {@code server-events} consumer; each element is replaced whole, so a
 * reader sees either the old or the new channel/role/member, never half of one.
 */
public final class ServerState {

    private final long serverId;
    private volatile long ownerId;
    private volatile ObjectNode server;
    private final ConcurrentHashMap<Long, Long> rolePermissions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ObjectNode> roles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ChannelState> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Long>> members = new ConcurrentHashMap<>();
    private volatile long lastUsed;
    private volatile long loadedAt;

    public ServerState(long serverId, long ownerId, ObjectNode server) {
        this.serverId = serverId;
        this.ownerId = ownerId;
        this.server = server;
    }

    public long serverId() {
        return serverId;
    }

    public long ownerId() {
        return ownerId;
    }

    public ObjectNode server() {
        return server;
    }

    public void updateServer(long ownerId, ObjectNode server) {
        if (ownerId != 0) {
            this.ownerId = ownerId;
        }
        this.server = server;
    }

    // --- permission checks ---

    public boolean isMember(long userId) {
        return userId == ownerId || members.containsKey(userId);
    }

    /** The member's permissions in a channel: 0 for non-members and unknown channels. */
    public long permissions(long userId, long channelId) {
        ChannelState channel = channels.get(channelId);
        Set<Long> memberRoles = members.get(userId);
        if (channel == null || (memberRoles == null && userId != ownerId)) {
            return 0;
        }
        return PermissionCalculator.compute(serverId, ownerId, userId, rolePermissions,
                memberRoles == null ? Set.of() : memberRoles, channel.overwrites());
    }

    public boolean canView(long userId, long channelId) {
        return Permission.VIEW_CHANNEL.in(permissions(userId, channelId));
    }

    /** Server-wide permissions (no overwrites), 0 for non-members. */
    public long basePermissions(long userId) {
        Set<Long> memberRoles = members.get(userId);
        if (memberRoles == null && userId != ownerId) {
            return 0;
        }
        return PermissionCalculator.basePermissions(serverId, ownerId, userId, rolePermissions,
                memberRoles == null ? Set.of() : memberRoles);
    }

    public Set<Long> visibleChannelIds(long userId) {
        Set<Long> out = ConcurrentHashMap.newKeySet();
        for (ChannelState c : channels.values()) {
            if (canView(userId, c.channelId())) {
                out.add(c.channelId());
            }
        }
        return out;
    }

    /** The channel objects the member may see, by position. */
    public List<ObjectNode> visibleChannels(long userId) {
        List<ChannelState> visible = new ArrayList<>();
        for (ChannelState c : channels.values()) {
            if (canView(userId, c.channelId())) {
                visible.add(c);
            }
        }
        visible.sort(Comparator.comparingInt((ChannelState c) -> c.object().path("position").asInt(0))
                .thenComparingLong(ChannelState::channelId));
        return visible.stream().map(ChannelState::object).toList();
    }

    public List<ObjectNode> roleObjects() {
        List<ObjectNode> out = new ArrayList<>(roles.values());
        out.sort(Comparator.comparingInt((ObjectNode r) -> r.path("position").asInt(0)));
        return out;
    }

    // --- mutations (snapshot load and server-events) ---

    public void putRole(long roleId, long permissions, ObjectNode object) {
        roles.put(roleId, object);
        rolePermissions.put(roleId, permissions);
    }

    public void removeRole(long roleId) {
        roles.remove(roleId);
        rolePermissions.remove(roleId);
    }

    public void putChannel(ChannelState channel) {
        channels.put(channel.channelId(), channel);
    }

    public ChannelState channel(long channelId) {
        return channels.get(channelId);
    }

    public ChannelState removeChannel(long channelId) {
        return channels.remove(channelId);
    }

    public void putMember(long userId, Set<Long> roleIds) {
        members.put(userId, Set.copyOf(roleIds));
    }

    /** Makes sure a user known to be a member counts as one (snapshots may omit members). */
    public void ensureMember(long userId) {
        members.putIfAbsent(userId, Set.of());
    }

    public void removeMember(long userId) {
        members.remove(userId);
    }

    /** A member's role ids (without @everyone), empty for a non-member. */
    public Set<Long> memberRoles(long userId) {
        return members.getOrDefault(userId, Set.of());
    }

    /** The members' user ids (a copy). */
    public Set<Long> memberIds() {
        return Set.copyOf(members.keySet());
    }

    public int memberCount() {
        return members.size();
    }

    // --- cache bookkeeping ---

    public void touch(long now) {
        lastUsed = now;
    }

    public long lastUsed() {
        return lastUsed;
    }

    public long loadedAt() {
        return loadedAt;
    }

    void loadedAt(long now) {
        this.loadedAt = now;
        this.lastUsed = now;
    }
}
