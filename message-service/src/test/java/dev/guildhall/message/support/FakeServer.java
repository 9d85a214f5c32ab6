package dev.guildhall.message.support;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionCalculator;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server as server-service would hold it, just enough to answer {@code /internal/permissions}
 * and {@code /internal/servers/{id}/snapshot} with common's calculator.
 */
public final class FakeServer {

    final long serverId;
    final long ownerId;
    final Map<Long, Long> rolePermissions = new ConcurrentHashMap<>();
    final Map<Long, List<Long>> members = new ConcurrentHashMap<>();
    final Map<Long, List<PermissionOverwrite>> channels = new LinkedHashMap<>();
    private final StubServices stub;

    FakeServer(StubServices stub, long serverId, long ownerId) {
        this.stub = stub;
        this.serverId = serverId;
        this.ownerId = ownerId;
        rolePermissions.put(serverId, Permission.DEFAULT_EVERYONE);
        members.put(ownerId, new CopyOnWriteArrayList<>());
    }

    public long id() {
        return serverId;
    }

    public long owner() {
        return ownerId;
    }

    public synchronized long channel() {
        long id = stub.newId();
        channels.put(id, new CopyOnWriteArrayList<>());
        stub.registerChannel(id, this);
        return id;
    }

    public long role(Permission... permissions) {
        long id = stub.newId();
        rolePermissions.put(id, Permission.of(permissions));
        return id;
    }

    public FakeServer everyone(long permissions) {
        rolePermissions.put(serverId, permissions);
        return this;
    }

    /** Adds a member (a new user known to auth-service) with these roles; returns the user id. */
    public long member(Long... roles) {
        long user = stub.user();
        members.put(user, new CopyOnWriteArrayList<>(List.of(roles)));
        return user;
    }

    /** Adds a bot member (a bot user known to auth-service) with these roles; returns its user id. */
    public long bot(Long... roles) {
        long user = stub.botUser();
        members.put(user, new CopyOnWriteArrayList<>(List.of(roles)));
        return user;
    }

    public FakeServer join(long user, Long... roles) {
        members.put(user, new CopyOnWriteArrayList<>(List.of(roles)));
        return this;
    }

    public FakeServer leave(long user) {
        members.remove(user);
        return this;
    }

    public synchronized FakeServer overwrite(long channel, long target, PermissionOverwrite.Type type, long allow,
                                             long deny) {
        List<PermissionOverwrite> list = channels.get(channel);
        list.removeIf(o -> o.targetId() == target);
        list.add(new PermissionOverwrite(target, type, allow, deny));
        return this;
    }

    /** Hides the channel from @everyone; roles/members may be let in with {@link #overwrite}. */
    public FakeServer hide(long channel) {
        return overwrite(channel, serverId, PermissionOverwrite.Type.ROLE, 0, Permission.VIEW_CHANNEL.bit());
    }

    synchronized long permissions(long user, long channel) {
        List<Long> roles = members.get(user);
        if (roles == null) {
            return 0;
        }
        return PermissionCalculator.compute(serverId, ownerId, user, rolePermissions, roles, channels.get(channel));
    }

    synchronized Map<String, Object> snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", Map.of("server_id", Long.toString(serverId), "server_name", "fake",
                "owner_id", Long.toString(ownerId)));
        body.put("owner_id", Long.toString(ownerId));
        List<Object> channelList = new ArrayList<>();
        channels.forEach((id, overwrites) -> channelList.add(Map.of(
                "channel_id", Long.toString(id), "server_id", Long.toString(serverId), "channel_name", "c" + id,
                "channel_type", "text", "position", 0,
                "permission_overwrites", overwrites.stream().map(o -> Map.of("id", Long.toString(o.targetId()),
                        "type", o.type().wire(), "allow", Permission.format(o.allow()),
                        "deny", Permission.format(o.deny()))).toList())));
        body.put("channels", channelList);
        body.put("roles", rolePermissions.entrySet().stream().map(e -> Map.of("role_id", Long.toString(e.getKey()),
                "server_id", Long.toString(serverId), "name", "r", "permissions", Permission.format(e.getValue())))
                .toList());
        body.put("members", members.entrySet().stream().map(e -> Map.of("user_id", Long.toString(e.getKey()),
                "roles", e.getValue().stream().map(String::valueOf).toList())).toList());
        body.put("member_count", members.size());
        return body;
    }
}
