package dev.guildhall.message.client;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.message.config.ServiceProperties;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.HttpClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.InternalProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** server-service's internal API: a user's permissions in a channel, a server's snapshot (ADR 063). */
@Component
public class ServerServiceClient {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    public ServerServiceClient(ServiceProperties services, InternalProperties internal, ResilientCalls calls,
                               JsonMapper json) {
        this.http = HttpClients.internal(services.serverUrl(), internal.internalToken(), services.timeout());
        this.calls = calls;
        this.json = json;
    }

    /**
     * {@code GET /internal/permissions?user_id=&channel_id=} →
     * {@code {server_id, channel_id, member, permissions: "decimal"}}.
     *
     * @return empty when server-service knows no such channel
     */
    public Optional<ChannelPermissions> permissions(long userId, long channelId) {
        try {
            String body = calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> b.path("/internal/permissions")
                            .queryParam("user_id", userId)
                            .queryParam("channel_id", channelId)
                            .build())
                    .retrieve()
                    .body(String.class));
            return parse(body, channelId);
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /internal/servers/{id}/snapshot} → {@code {server, owner_id, channels: [channel objects with
     * permission_overwrites], roles: [role objects], members: [{user_id, roles}], member_count}}.
     *
     * @return empty when server-service knows no such server
     */
    public Optional<ServerSnapshot> snapshot(long serverId) {
        try {
            String body = calls.call(DEPENDENCY, () -> http.get()
                    .uri("/internal/servers/{id}/snapshot", serverId)
                    .retrieve()
                    .body(String.class));
            return Optional.of(parseSnapshot(serverId, json.readTree(body == null ? "{}" : body)));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static ServerSnapshot parseSnapshot(long serverId, JsonNode node) {
        long owner = Long.parseLong(node.path("owner_id").asString(node.path("server").path("owner_id").asString("0")));
        Map<Long, Long> roles = new HashMap<>();
        for (JsonNode role : node.path("roles")) {
            roles.put(Long.parseLong(role.path("role_id").asString()), Permission.parse(role.path("permissions").asString()));
        }
        Map<Long, List<Long>> members = new HashMap<>();
        for (JsonNode member : node.path("members")) {
            List<Long> memberRoles = new ArrayList<>();
            member.path("roles").forEach(r -> memberRoles.add(Long.parseLong(r.asString())));
            members.put(Long.parseLong(member.path("user_id").asString()), memberRoles);
        }
        List<ServerSnapshot.Channel> channels = new ArrayList<>();
        for (JsonNode channel : node.path("channels")) {
            List<PermissionOverwrite> overwrites = new ArrayList<>();
            for (JsonNode o : channel.path("permission_overwrites")) {
                overwrites.add(new PermissionOverwrite(Long.parseLong(o.path("id").asString()),
                        PermissionOverwrite.Type.fromWire(o.path("type").asString()),
                        Permission.parse(o.path("allow").asString()), Permission.parse(o.path("deny").asString())));
            }
            channels.add(new ServerSnapshot.Channel(Long.parseLong(channel.path("channel_id").asString()),
                    channel.path("channel_type").asString("text"), overwrites));
        }
        return new ServerSnapshot(serverId, owner, roles, members, channels);
    }

    Optional<ChannelPermissions> parse(String body, long channelId) {
        JsonNode node = json.readTree(body == null ? "{}" : body);
        JsonNode server = node.get("server_id");
        if (server == null || server.isNull() || server.asString().isEmpty()) {
            return Optional.empty();
        }
        boolean member = node.path("member").asBoolean(false);
        JsonNode permissions = node.get("permissions");
        long bits = permissions == null || permissions.isNull() ? 0 : Permission.parse(permissions.asString());
        return Optional.of(new ChannelPermissions(Long.parseLong(server.asString()), channelId, member,
                member ? bits : 0));
    }
}
