package dev.guildhall.common.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Instant;
import java.util.List;

/**
 * server-service's {@code GET /internal/servers/{id}/snapshot}: everything a consumer needs to compute
 * permissions in a server and to show it (websocket-service's READY, message-service's permission cache).
 * The nested objects are the v1 server, channel and role objects; ids and bits are decimal strings.
 *
 * @param members every member with their role ids (without {@code @everyone}), by user id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerSnapshot(
        @JsonProperty("server") Server server,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("channels") List<Channel> channels,
        @JsonProperty("roles") List<Role> roles,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("member_count") @JsonSetter(nulls = Nulls.AS_EMPTY) int memberCount) {

    public ServerSnapshot {
        channels = channels == null ? List.of() : channels;
        roles = roles == null ? List.of() : roles;
        members = members == null ? List.of() : members;
    }

    /** The v1 server object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Server(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("server_name") String serverName,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("icon_url") String iconUrl,
            @JsonProperty("created_at") Instant createdAt) {
    }

    /** The v1 channel object with its permission overwrites. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Channel(
            @JsonProperty("channel_id") String channelId,
            @JsonProperty("server_id") String serverId,
            @JsonProperty("channel_name") String channelName,
            @JsonProperty("channel_type") String channelType,
            @JsonProperty("parent_id") String parentId,
            @JsonProperty("position") @JsonSetter(nulls = Nulls.AS_EMPTY) int position,
            @JsonProperty("permission_overwrites") List<Overwrite> permissionOverwrites) {

        public Channel {
            permissionOverwrites = permissionOverwrites == null ? List.of() : permissionOverwrites;
        }
    }

    /** One overwrite: {@code id} of the role or member, {@code type} {@code role} or {@code member}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Overwrite(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("allow") String allow,
            @JsonProperty("deny") String deny) {
    }

    /** The v1 role object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(
            @JsonProperty("role_id") String roleId,
            @JsonProperty("server_id") String serverId,
            @JsonProperty("name") String name,
            @JsonProperty("permissions") String permissions,
            @JsonProperty("color") @JsonSetter(nulls = Nulls.AS_EMPTY) int color,
            @JsonProperty("position") @JsonSetter(nulls = Nulls.AS_EMPTY) int position,
            @JsonProperty("hoist") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean hoist,
            @JsonProperty("mentionable") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean mentionable) {
    }

    /** A member and their role ids. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(
            @JsonProperty("user_id") String userId,
            @JsonProperty("roles") List<String> roles) {

        public Member {
            roles = roles == null ? List.of() : roles;
        }
    }
}
