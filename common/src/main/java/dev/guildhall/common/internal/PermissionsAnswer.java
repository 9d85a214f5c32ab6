package dev.guildhall.common.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * server-service's answer to {@code GET /internal/permissions}: what a user may do in a channel (overwrites
 * applied) or, without {@code channel_id}, server-wide. Ids and permission bits are decimal strings, as on the
 * public API. A non-member has {@code member: false} and permissions {@code "0"}; {@code channel_id} and
 * {@code channel_type} are null in the server-wide answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermissionsAnswer(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("member") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean member,
        @JsonProperty("permissions") String permissions,
        @JsonProperty("channel_type") String channelType) {
}
