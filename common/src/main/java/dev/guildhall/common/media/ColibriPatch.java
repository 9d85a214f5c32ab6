package dev.guildhall.common.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The Colibri2-shaped body of {@code PATCH /internal/colibri/conferences/{id}} that voice-service sends a
 * media node: create or expire the conference of one voice channel, and create, update or expire endpoints in
 * it. Absent flags mean "leave as it is"; null fields are not sent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColibriPatch(
        @JsonProperty("create") Boolean create,
        @JsonProperty("expire") Boolean expire,
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("endpoints") @Valid @Size(max = 500) List<Endpoint> endpoints) {

    /**
     * One endpoint of a patch; {@code id} is the voice session id. {@code reconnect}, when present, is sent to
     * the connected client as {@code reconnect {endpoint, voice_token}} (the conference moves to another node).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(
            @JsonProperty("id") @NotBlank String id,
            @JsonProperty("create") Boolean create,
            @JsonProperty("expire") Boolean expire,
            @JsonProperty("user_id") String userId,
            @JsonProperty("permissions") MediaPermissions permissions,
            @JsonProperty("reconnect") @Valid Reconnect reconnect) {
    }

    /** What the node lets an endpoint send. */
    public record MediaPermissions(
            @JsonProperty("speak") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean speak,
            @JsonProperty("video") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean video,
            @JsonProperty("stream") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean stream) {
    }

    public record Reconnect(
            @JsonProperty("endpoint") @NotBlank String endpoint,
            @JsonProperty("voice_token") @NotBlank String voiceToken) {
    }
}
