package dev.guildhall.media.control;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The Colibri2-shaped bodies of the control API (snake_case on the wire). */
public final class ColibriRequests {

    private ColibriRequests() {
    }

    /** {@code PATCH /internal/colibri/conferences/{id}}. */
    public record ConferencePatch(Boolean create, Boolean expire, String channelId, String serverId,
                                  @Valid @Size(max = 500) List<EndpointPatch> endpoints) {
    }

    /**
     * One endpoint of a patch. {@code reconnect}, when present, is sent to the connected client as
     * {@code reconnect {endpoint, voice_token}} (the conference moves to another node).
     */
    public record EndpointPatch(@NotBlank String id, Boolean create, Boolean expire, String userId,
                                PermissionsBody permissions, @Valid Reconnect reconnect) {
    }

    public record PermissionsBody(boolean speak, boolean video, boolean stream) {
    }

    public record Reconnect(@NotBlank String endpoint, @NotBlank String voiceToken) {
    }

    /** A conference as the control API shows it. */
    public record ConferenceView(String conferenceId, String channelId, String serverId, String dominantSpeaker,
                                 List<EndpointView> endpoints) {
    }

    public record EndpointView(String id, String userId, boolean connected, PermissionsBody permissions,
                               long packetsReceived) {
    }

    public record ConferenceList(List<ConferenceView> conferences, boolean draining) {
    }

    public record DrainView(boolean draining, int conferences, int endpoints) {
    }
}
