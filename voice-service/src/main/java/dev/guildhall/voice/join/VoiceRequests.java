package dev.guildhall.voice.join;

import dev.guildhall.common.id.Snowflake;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the voice API (snake_case on the wire), checked with {@code @Valid}. */
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
    public record Moderation(Boolean mute, Boolean deaf,
                             @Pattern(regexp = "[0-9]{1,20}", message = "must be a channel id") String channelId) {

        /** The channel to move the member to, if any. */
        public Long destination() {
            return channelId == null ? null : Snowflake.parse(channelId);
        }
    }
}
