package dev.guildhall.voice.join;

/** Request bodies of the voice API (snake_case on the wire). */
public final class VoiceRequests {

    private VoiceRequests() {
    }

    /** {@code PATCH /channels/{id}/voice/state}: the caller's own flags; absent fields stay as they are. */
    public record SelfState(Boolean selfMute, Boolean selfDeaf, Boolean selfVideo, Boolean selfStream) {
    }

    /**
     * {@code PATCH /channels/{id}/voice/states/{user_id}}: a moderator's server mute (MUTE_MEMBERS), server
     * deafen (DEAFEN_MEMBERS) or move to another voice channel (MOVE_MEMBERS).
     */
    public record Moderation(Boolean mute, Boolean deaf, String channelId) {
    }
}
