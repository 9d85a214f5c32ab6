package dev.guildhall.media.control;

import dev.guildhall.common.media.ColibriPatch;

import java.util.List;

/**
 * What the control API answers (snake_case on the wire); the patch voice-service sends is the shared
 * contract {@link ColibriPatch}.
 */
public final class ColibriRequests {

    private ColibriRequests() {
    }

    /** A conference as the control API shows it. */
    public record ConferenceView(String conferenceId, String channelId, String serverId, String dominantSpeaker,
                                 List<EndpointView> endpoints) {
    }

    public record EndpointView(String id, String userId, boolean connected, ColibriPatch.MediaPermissions permissions,
                               long packetsReceived) {
    }

    public record ConferenceList(List<ConferenceView> conferences, boolean draining) {
    }

    public record DrainView(boolean draining, int conferences, int endpoints) {
    }
}
