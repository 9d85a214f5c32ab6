package dev.guildhall.server.channel;

import dev.guildhall.server.config.Patch;
import dev.guildhall.support.validation.NoControlCharacters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies of the channel endpoints. */
public final class ChannelRequests {

    private ChannelRequests() {
    }

    /** {@code channel_type}: text, voice, video or category; {@code parent_id}: a category of the same server. */
    public record Create(@NotBlank @Size(max = 100) @NoControlCharacters String channelName, @NotBlank String channelType, String parentId,
                         @PositiveOrZero @Max(100_000) Integer position) {
    }

    /**
     * Every field optional; {@code parent_id: null} takes the channel out of its category. {@code name} and
     * {@code icon_upload_id} are a group DM's (ADR 231): the request is forwarded to message-service, which owns
     * group DMs; on a server channel they are refused.
     */
    public record Update(@Size(min = 1, max = 100) @NoControlCharacters String channelName, @PositiveOrZero @Max(100_000) Integer position,
                         Patch parentId, Patch name, Patch iconUploadId) {

        public Update(String channelName, Integer position, Patch parentId) {
            this(channelName, position, parentId, null, null);
        }

        boolean hasServerFields() {
            return channelName != null || position != null || parentId != null;
        }

        boolean hasGroupDmFields() {
            return name != null || iconUploadId != null;
        }
    }

    /** One entry of a bulk reorder ({@code PATCH /servers/{id}/channels}). */
    public record Position(@NotBlank String id, @NotNull @PositiveOrZero @Max(100_000) Integer position,
                           Patch parentId) {
    }

    /** {@code PUT /channels/{id}/permissions/{target_id}}: allow/deny as decimal strings. */
    public record Overwrite(@NotBlank String type, @Size(max = 20) String allow, @Size(max = 20) String deny) {
    }
}
